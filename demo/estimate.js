// The estimate page's only script besides billpay.js: the language buttons. The page switches
// the widget's language by setting `lang` on it; nothing is remounted.
const widget = document.querySelector('good-faith-estimate');
const buttons = document.querySelectorAll('[data-lang]');
for (const button of buttons) {
  button.addEventListener('click', () => {
    const lang = button.getAttribute('data-lang');
    widget?.setAttribute('lang', lang);
    for (const other of buttons) other.setAttribute('aria-pressed', String(other === button));
  });
}
