import { createApp } from 'vue';
import ScreenApp from './ScreenApp.vue';

createApp(ScreenApp).mount('#app');
