// The ECharts build served by the app: only the chart types and components the pages use, so the
// file is a fraction of the full echarts.min.js. esbuild bundles it into target/site/js/echarts.min.js
// as the global `echarts` (see package.json "build:echarts").
import * as echarts from 'echarts/core';
import { BarChart, RadarChart, SankeyChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  RadarChart,
  SankeyChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

export const init = echarts.init;
export const getInstanceByDom = echarts.getInstanceByDom;
export const version = echarts.version;
