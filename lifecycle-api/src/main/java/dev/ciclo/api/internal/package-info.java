/**
 * Argument checks shared by the api's value types. Not exported by {@code module-info}: not part
 * of the contract and may change without notice.
 */
package dev.ciclo.api.internal;
