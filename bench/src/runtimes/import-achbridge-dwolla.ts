// Cold start in each runtime: what `import '@achbridge/core' + '@achbridge/dwolla'` costs.
import '@achbridge/core';
import '@achbridge/dwolla';
