// Runs a Python file in Pyodide (CPython built with Emscripten) from its npm
// package, offline in Node. The folder WORKDIR is mounted as the guest's
// /work (NODEFS), so the script reads and writes files there.
// Usage: node pyodide_python.mjs PYODIDE_DIR WORKDIR SCRIPT [ARGS...]
//        (SCRIPT and ARGS as the guest sees them: /work/...)
import { pathToFileURL } from 'node:url';

const [pyodideDir, workDir, script, ...args] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/` });
pyodide.FS.mkdir('/work');
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: workDir }, '/work');
pyodide.globals.set('_argv', pyodide.toPy([script, ...args]));
pyodide.runPython(`
import runpy, sys
sys.argv = list(_argv)
runpy.run_path(sys.argv[0], run_name="__main__")
`);
