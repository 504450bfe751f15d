// The console's entry: the shell and the sign-in page; every other page is loaded when first shown.
import './app/console-app.js';
