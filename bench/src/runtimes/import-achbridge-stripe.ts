// Cold start in each runtime: what `import '@achbridge/core' + '@achbridge/stripe'` costs.
import '@achbridge/core';
import '@achbridge/stripe';
