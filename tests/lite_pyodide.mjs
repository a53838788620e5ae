// An xlwings Lite main.py in Pyodide under Node, as xlwings Lite runs it in Excel.
//
// node lite_pyodide.mjs PYODIDE_DIR WHEEL_DIR MAIN_PY PROBE_PY < calls.json
//
// Loads Pyodide from its npm package, installs micropip and, with it, every
// wheel in WHEEL_DIR (requirements.txt resolved for Pyodide's platform),
// then runs officejs_probe.report: main.py loaded as module `main`, and each
// call answered through xlwings' Office.js code. Prints the report as JSON,
// with the milliseconds each step took under "ms".
import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheelDir, mainPy, probePy] = process.argv.slice(2);
const calls = readFileSync(0, "utf8");
const started = Date.now();
const ms = {};
const log = (text) => process.stderr.write(`${text}\n`);

const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/`, stdout: log, stderr: log });
ms.start = Date.now() - started;

const wheels = readdirSync(wheelDir).filter((name) => name.endsWith(".whl"));
const micropip = wheels.find((name) => name.startsWith("micropip-"));
await pyodide.loadPackage(join(wheelDir, micropip), { messageCallback: log, errorCallback: log });
pyodide.FS.mkdirTree("/wheels");
for (const name of wheels.filter((name) => name !== micropip)) {
  pyodide.FS.writeFile(`/wheels/${name}`, readFileSync(join(wheelDir, name)));
}
pyodide.FS.mkdirTree("/home/pyodide/probe");
pyodide.FS.writeFile("/home/pyodide/main.py", readFileSync(mainPy));
pyodide.FS.writeFile(`/home/pyodide/probe/${basename(probePy)}`, readFileSync(probePy));
pyodide.globals.set("CALLS", calls);

const install = `
import os, micropip
await micropip.install(sorted(f"emfs:/wheels/{name}" for name in os.listdir("/wheels")), deps=True)
`;
await pyodide.runPythonAsync(install);
ms.install = Date.now() - started - ms.start;

const run = `
import json, sys
sys.path.insert(0, "/home/pyodide/probe")
import officejs_probe
json.dumps(await officejs_probe.report("/home/pyodide/main.py", json.loads(CALLS)), default=str)
`;
const report = JSON.parse(await pyodide.runPythonAsync(run));
ms.calls = Date.now() - started - ms.start - ms.install;
report.ms = ms;
report.python = pyodide.runPython("import sys; sys.version.split()[0]");
process.stdout.write(JSON.stringify(report));
