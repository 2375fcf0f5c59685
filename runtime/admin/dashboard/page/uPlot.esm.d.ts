// The types of the uPlot build the server hands out as /assets/uPlot.esm.js (from the uplot package).
import uPlot from "uplot";
export default uPlot;
