// The sign-in page: remembers the page asked for (the #/... part never reaches the server) so that the
// dashboard opens it after signing in.
const form = document.querySelector('form[action="/login"]');
if (form) {
  form.addEventListener('submit', () => {
    if (location.hash && location.hash.startsWith('#/')) sessionStorage.setItem('tokenhook.return', location.hash);
  });
}
