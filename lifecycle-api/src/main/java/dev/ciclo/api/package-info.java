/**
 * Types shared by every stage of the cycle: the project's own unchecked exception.
 */
package dev.ciclo.api;
