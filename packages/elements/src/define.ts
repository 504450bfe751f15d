/** Registers every billpay element. Import this (or a single element's define module) once. */
import './bill-lookup/define.js';
import './bill-summary/define.js';
import './good-faith-estimate/define.js';
import './message-preferences/define.js';
import './pay-form/define.js';
import './plan-builder/define.js';
import './bill-pay/define.js';
