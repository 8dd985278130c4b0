// Shared Vitest setup. DOM tests opt in per file with `// @vitest-environment happy-dom`.
import '@testing-library/jest-dom/vitest';
