// Prints a TCP port that is free on 127.0.0.1 right now (the OS picks it by binding port 0), for servers
// such as verdaccio that need a port number on their command line.
import { createServer } from 'node:net';

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') {
    console.error('free-port: the OS returned no TCP address');
    process.exit(1);
  }
  server.close(() => {
    console.log(String(address.port));
  });
});
