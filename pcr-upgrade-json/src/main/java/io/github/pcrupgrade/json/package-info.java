/**
 * The documented JSON of pcr-upgrade, for embedders and for the command line: the plan
 * ({@link io.github.pcrupgrade.json.PlanDocument}), the check result
 * ({@link io.github.pcrupgrade.json.CheckDocument}), the run report
 * ({@link io.github.pcrupgrade.json.RunReport}) and the deployment state file
 * ({@link io.github.pcrupgrade.json.StateFile}), each with a {@code schemaVersion} and a published
 * JSON Schema ({@link io.github.pcrupgrade.json.DocumentType#schema()}).
 *
 * <p>For users of the library: read and write them through
 * {@link io.github.pcrupgrade.json.JsonDocuments}. The documents are described in {@code docs/}.
 */
package io.github.pcrupgrade.json;
