interface ImportMetaEnv {
  readonly VITE_CAUSETTE_SERVER?: string;
}
