/**
 * Host functions derived from Java signatures: the type rules and their error messages, shared
 * by {@code HostFunctionBuilder.withFunc} and the annotation processor in {@code jazero-processor}
 * (which depends on this package so that both accept and reject exactly the same signatures, in
 * the same words), and the {@code java.lang.invoke} adapter behind {@code withFunc}.
 *
 * <p>Internal: not API, and may change with any release.
 */
package dev.jazero.internal.hostfunc;
