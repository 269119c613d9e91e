import { setProjectAnnotations } from '@storybook/web-components-vite';
import * as a11yAnnotations from '@storybook/addon-a11y/preview';
import * as projectAnnotations from './preview';

// Story tests run every story in Chromium with the project's decorators and the a11y checks.
setProjectAnnotations([a11yAnnotations, projectAnnotations]);
