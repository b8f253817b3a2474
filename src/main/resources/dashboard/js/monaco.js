// Loads the Monaco editor (AMD build from its WebJar, served by Tokenhook) once, on first use.
const BASE = '/dashboard/vendor/monaco/vs';
let loading = null;

export function loadMonaco() {
  if (window.monaco) return Promise.resolve(window.monaco);
  if (loading) return loading;
  // workers from this server's URL (the default wraps them in blob: URLs, which the CSP refuses)
  window.MonacoEnvironment = { getWorkerUrl: () => BASE + '/base/worker/workerMain.js' };
  loading = new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = BASE + '/loader.js';
    script.onload = () => {
      window.require.config({ paths: { vs: BASE } });
      window.require(['vs/editor/editor.main'], () => {
        const js = window.monaco.languages.typescript.javascriptDefaults;
        // syntax errors only: hooks use globals (module, cb, InvalidScopeError...) the checker does not know
        js.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });
        js.setCompilerOptions({ target: window.monaco.languages.typescript.ScriptTarget.ES2022, allowNonTsExtensions: true, allowJs: true });
        resolve(window.monaco);
      }, (err) => {
        loading = null;
        reject(new Error('The code editor could not be loaded: ' + (err && err.message)));
      });
    };
    script.onerror = () => {
      loading = null;
      reject(new Error('The code editor could not be loaded'));
    };
    document.head.append(script);
  });
  return loading;
}
