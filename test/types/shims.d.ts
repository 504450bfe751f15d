// The demos' single-file components, as plain TypeScript sees them (Vite's plugins compile them).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
