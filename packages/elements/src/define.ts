/** Registers every billpay element. Import this (or a single element's define module) once. */
import './bill-pay/define.js';
