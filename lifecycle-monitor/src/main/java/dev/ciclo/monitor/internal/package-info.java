/**
 * Implementation helpers of the monitor module (distribution functions). Not
 * part of the public api: anything here may change without notice.
 */
package dev.ciclo.monitor.internal;
