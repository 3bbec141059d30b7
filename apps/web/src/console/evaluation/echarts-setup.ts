import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the report draws: bars, a pie, their grid, titles and tooltips, on canvas.
// Loaded with import('./echarts-setup') when a report opens, never with the console.
use([BarChart, PieChart, GridComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export { init };
