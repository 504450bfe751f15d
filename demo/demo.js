// The demo page's only script besides billpay.js: the language buttons. A practice's site
// switches the widget's language by setting `lang` on it; nothing is remounted.
const widget = document.querySelector('bill-pay');
const buttons = document.querySelectorAll('[data-lang]');
for (const button of buttons) {
  button.addEventListener('click', () => {
    const lang = button.getAttribute('data-lang');
    widget?.setAttribute('lang', lang);
    for (const other of buttons) other.setAttribute('aria-pressed', String(other === button));
  });
}
