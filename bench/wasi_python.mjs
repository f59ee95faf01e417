// Runs a CPython WASI build under Node's WASI (node:wasi), the checkout
// mapped as the guest's "/", the build folder as "/build", the folder of
// the files it reads and writes as "/work".
// From an out-of-tree build folder the guest's getpath does not find Lib/,
// so PYTHONPATH names the guest's /Lib and the build's lib.wasi-wasm32-X.Y.
// Usage: node wasi_python.mjs PYTHON_WASM SRC BUILD WORKDIR LIBDIR [ARGS...]
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';

const [wasmPath, srcDir, buildDir, workDir, libDir, ...args] = process.argv.slice(2);
// Who the user is (HOME, USER, LOGNAME) as the native side sees it: Node's
// WASI passes the guest no environment unless told, and a guest without
// HOME fails Path.home() or getpass.getuser() for the bench's sake, not
// the platform's (a WASI runtime run from a shell, `wasmtime --env`, passes
// them when asked).
const identity = Object.fromEntries(['HOME', 'USER', 'LOGNAME']
  .filter((name) => process.env[name] !== undefined)
  .map((name) => [name, process.env[name]]));
const wasi = new WASI({
  version: 'preview1',
  args: ['python', ...args],
  env: { ...identity, PYTHONPATH: `/Lib:/build/${libDir}`, PYTHONHOME: '/',
         PYTHONDONTWRITEBYTECODE: '1' },
  preopens: { '/': srcDir, '/build': buildDir, '/work': workDir },
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(wasmPath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
