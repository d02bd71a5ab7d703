// Cold start in each runtime: the runtime alone (the raw fetch floor imports nothing; fetch is built in).
export {};
