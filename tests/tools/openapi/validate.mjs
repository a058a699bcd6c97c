// SPDX-License-Identifier: GPL-3.0-or-later
// Validates an OpenAPI document (a JSON file) against the official OpenAPI JSON Schema; used by tst_openapi.
// Usage: node validate.mjs <file>. Exit status 0: valid; 1: invalid (the errors are printed); 2: usage.
import { Validator } from "@seriousme/openapi-schema-validator";

const file = process.argv[2];
if (!file) {
    console.error("usage: node validate.mjs <openapi.json>");
    process.exit(2);
}
const validator = new Validator();
const result = await validator.validate(file);
if (!result.valid) {
    console.error(JSON.stringify(result.errors, null, 2));
    process.exit(1);
}
try {
    // Throws if a local $ref points nowhere, which the schema check alone does not notice.
    validator.resolveRefs();
} catch (error) {
    console.error(`unresolvable reference: ${error.message}`);
    process.exit(1);
}
console.log(`valid OpenAPI ${validator.version}`);
