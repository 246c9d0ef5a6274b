// Generated from specs/tyk.openapi.yaml by `userapi types` (openapi-typescript). Do not edit.
export interface paths {
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Users
         * @description Lists the users of the caller's organisation. Paging (not in the source document, from facts): `p`
         *     starts at 1 with a default page size of 10; `p` <= 0 or no `p` returns every user.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Add User
         * @description Adds a user to the caller's organisation. A user may be added without a password by leaving out the
         *     `password` field; Set User Password then sets one. If a password is set, keep a record of it: changing
         *     it later needs the current one.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{USER_ID}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        /**
         * Get User
         * @description Returns one user of the caller's organisation by id. (The document gives no prose for this call.)
         */
        get: operations["getUser"];
        /**
         * Update User
         * @description Updates a user from a User Object. Fields left out are left unchanged (real clients send partial
         *     updates).
         */
        put: operations["updateUser"];
        post?: never;
        /**
         * Delete User
         * @description Deletes a user of the caller's organisation by id. (The document gives no prose for this call.)
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{USER_ID}/actions/reset": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set User Password
         * @description Sets a user's password. A user created with a blank password gets its first password this way, and
         *     `current_password` is then not required; to change an existing password, `current_password` must be
         *     the one set in Add User. POST only (facts: PUT answers 404). `users` read lets a caller set its own
         *     password; setting another user's needs `users` write (quirk
         *     `set-password-read-for-own-write-for-others`).
         */
        post: operations["setUserPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{USER_ID}/actions/key/reset": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Reset User Session
         * @description Resets the user's current Dashboard session. This also resets the user's Dashboard API credentials:
         *     the user's `access_key` changes and the old one stops working.
         */
        put: operations["resetUserSession"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Admin Create User (not in the source document)
         * @description Creates a user with the admin secret, in the mock's one organisation (`org_id` is ignored). The user
         *     has no password until Set User Password gives it one (`current_password` is then not needed): a
         *     `password` in the body is ignored. `user_permissions` are stored as sent, `ResetPassword` included
         *     (the admin API is the one that may grant it). Answers the new user's access key in `Message` and the
         *     user in `Meta`. Not in the source document; from facts, for real clients (tyk-scripts'
         *     `createAdminUser` reads `Meta.id` and `Meta.access_key`, then sets the password with that key).
         */
        post: operations["createAdminUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{USER_ID}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        /**
         * Admin Get User (not in the source document)
         * @description Returns one user by id, with the admin secret. Not in the source document; from facts.
         */
        get: operations["getAdminUser"];
        /**
         * Admin Update User (not in the source document)
         * @description Updates a user with the admin secret: the fields given are set, the others kept (as Update User), and
         *     `user_permissions` are stored as sent, `ResetPassword` included. `password` and `org_id` are
         *     ignored. Answers the user's access key in `Message` and the user in `Meta`. Not in the source
         *     document; from facts.
         */
        put: operations["updateAdminUser"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{USER_ID}/actions/allow_reset_passwords": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Allow Reset Password
         * @description Allows the user to reset other users' passwords (grants the `ResetPassword` permission, which only the
         *     admin API can grant). Answers the updated user object in `Meta`. No body.
         */
        put: operations["allowResetPasswords"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{USER_ID}/actions/disallow_reset_passwords": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Disallow Reset Password
         * @description Withdraws the user's right to reset other users' passwords (removes the `ResetPassword` permission).
         *     Answers the updated user object in `Meta`. No body.
         */
        put: operations["disallowResetPasswords"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description The envelope of every answer but List Users and Get User. `Status` is "OK" on success and "Error" on
         *     errors; `Meta` is any JSON: "" (Add User, Set User Password, Delete User), null (Update User, Reset
         *     User Session, errors) or the user object (the admin endpoints).
         */
        Envelope: {
            /**
             * @example OK
             * @example Error
             */
            Status: string;
            Message: string;
            /** @description Any JSON value. */
            Meta: unknown;
        };
        /** @description An error answer (from facts; the document shows none). */
        ErrorEnvelope: components["schemas"]["Envelope"] & {
            /** @constant */
            Status?: "Error";
            Meta?: null;
        };
        /**
         * @description Add User's answer. The document's Dashboard answers "User created" with `Meta` ""; current Dashboards
         *     answer "User and session have been created" with `Meta` the new id (quirk
         *     `create-answer-of-older-dashboard`): both are strings.
         */
        UserCreated: components["schemas"]["Envelope"] & {
            /** @constant */
            Status?: "OK";
            Meta?: string;
        };
        /** @description Set User Password's answer ("User password updated", `Meta` ""). */
        PasswordUpdated: components["schemas"]["Envelope"] & {
            /** @constant */
            Status?: "OK";
            Meta?: string;
        };
        /** @description Delete User's answer ("User deleted", `Meta` ""). */
        UserDeleted: components["schemas"]["Envelope"] & {
            /** @constant */
            Status?: "OK";
            Meta?: string;
        };
        /** @description Update User's answer ("User updated", `Meta` null). */
        UserUpdated: components["schemas"]["Envelope"] & {
            /** @constant */
            Status?: "OK";
            Meta?: null;
        };
        /** @description Reset User Session's answer ("User session renewed", `Meta` null). */
        SessionRenewed: components["schemas"]["Envelope"] & {
            /** @constant */
            Status?: "OK";
            Meta?: null;
        };
        /** @description The admin endpoints' answer ("User updated", `Meta` the user object). */
        AdminUserUpdated: components["schemas"]["Envelope"] & {
            /** @constant */
            Status?: "OK";
            Meta?: components["schemas"]["User"];
        };
        /** @description Admin Create User's answer (facts): `Message` the new user's access key, `Meta` the user. */
        AdminUserCreated: components["schemas"]["Envelope"] & {
            /** @constant */
            Status?: "OK";
            Meta?: components["schemas"]["User"];
        };
        /**
         * @description Admin Update User's answer (facts): `Message` the user's access key, `Meta` the user. Facts show no
         *     `Status`; when present it is "OK".
         */
        AdminUserSaved: {
            /** @constant */
            Status?: "OK";
            Message: string;
            Meta: components["schemas"]["User"];
        };
        /** @description Permission object name to level, e.g. `users` to `read` or `write`, `IsAdmin` to `admin`. */
        UserPermissions: {
            [key: string]: string;
        };
        /**
         * @description A Dashboard user as answered. `required` lists the keys every sample of a user shows, except
         *     `password` (returned by the document's Dashboard, omitted by current ones). Extra properties are
         *     allowed (current Dashboards add `group_id`, `created_at`, `last_login_date`, ...).
         */
        User: {
            api_model: Record<string, never>;
            first_name: string;
            last_name: string;
            /** @description No `format` is asserted; the document's addresses are obfuscated by the web page. */
            email_address: string;
            /** @description A bcrypt hash, or "" when the user has no password. Optional. */
            password?: string;
            org_id: string;
            active: boolean;
            id: string;
            access_key: string;
            user_permissions?: components["schemas"]["UserPermissions"];
        };
        UserList: {
            users: components["schemas"]["User"][];
            /**
             * @description The number of pages when `p` >= 1 is given (users / page size, rounded up; a page past the end
             *     answers no users and the same count); 0 (not meaningful) without `p` or with `p` <= 0.
             */
            pages: number;
        };
        /** @description The User Object a client sends. The document marks no field required; extra properties are allowed. */
        UserObject: {
            first_name?: string;
            last_name?: string;
            /** @description Not empty when sent (an empty address is no address). Compared case-insensitively for uniqueness. */
            email_address?: string;
            /**
             * @description Whether the user may use the Dashboard and its API: an inactive user's access key is refused (401).
             *     Add User without `active` adds an active user.
             */
            active?: boolean;
            /**
             * @description Optional; leave it out (or send "", which is how a user without a password is shown) to add a user
             *     without a password, then use Set User Password. Update User ignores it: a password changes only
             *     through Set User Password, which checks `current_password`.
             */
            password?: string;
            /** @description Ignored; a user is added to, and stays in, the caller's organisation. */
            org_id?: string;
            /**
             * @description The user's permissions (Update User replaces them when given). `ResetPassword` is ignored here, on Add
             *     and Update alike: only the admin API (Allow / Disallow Reset Password) grants or withdraws it.
             */
            user_permissions?: components["schemas"]["UserPermissions"];
        };
        /** @description Add User's body, a User Object with `email_address` required (a reading). */
        NewUser: components["schemas"]["UserObject"] & {
            email_address: string;
        };
        /**
         * @description Update User's body, a User Object with no field required (partial updates): the fields given are set,
         *     the others keep their values. `password` is ignored. An address another user has is not refused (quirk
         *     `update-sample-reuses-add-address`).
         */
        UserUpdate: components["schemas"]["UserObject"];
        /**
         * @description The Password Object. `current_password` is not required when the user has no password yet; once the
         *     user has one it is required (400 when missing) and must be that password (403 when it is not). Extra
         *     fields (the sample's `user_permissions`) are allowed.
         */
        PasswordObject: {
            current_password?: string;
            /** @description Not empty ("" is how a user without a password is shown, not a password). */
            new_password: string;
            user_permissions?: components["schemas"]["UserPermissions"];
        };
        /** @description `{"userId": "<USER_ID>"}`; the document writes it `{“userId”:"{USER_ID}"}`. */
        KeyResetRequest: {
            userId?: string;
        };
    };
    responses: never;
    parameters: {
        /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
        USER_ID: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type Envelope = components['schemas']['Envelope'];
export type ErrorEnvelope = components['schemas']['ErrorEnvelope'];
export type UserCreated = components['schemas']['UserCreated'];
export type PasswordUpdated = components['schemas']['PasswordUpdated'];
export type UserDeleted = components['schemas']['UserDeleted'];
export type UserUpdated = components['schemas']['UserUpdated'];
export type SessionRenewed = components['schemas']['SessionRenewed'];
export type AdminUserUpdated = components['schemas']['AdminUserUpdated'];
export type AdminUserCreated = components['schemas']['AdminUserCreated'];
export type AdminUserSaved = components['schemas']['AdminUserSaved'];
export type UserPermissions = components['schemas']['UserPermissions'];
export type User = components['schemas']['User'];
export type UserList = components['schemas']['UserList'];
export type UserObject = components['schemas']['UserObject'];
export type NewUser = components['schemas']['NewUser'];
export type UserUpdate = components['schemas']['UserUpdate'];
export type PasswordObject = components['schemas']['PasswordObject'];
export type KeyResetRequest = components['schemas']['KeyResetRequest'];
export type ParameterUserId = components['parameters']['USER_ID'];
export type $defs = Record<string, never>;
export interface operations {
    listUsers: {
        parameters: {
            query?: {
                /**
                 * @description Page number, starting at 1 (page size 10 by default, configurable). `p` <= 0 or no `p`
                 *     returns every user. Not in the document (its table says "Param None").
                 */
                p?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The users of the organisation, with the page count. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            /** @description Missing or bad access key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller has no `users` permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description A User Object. The document marks no field required; `email_address` is required here as a reading
         *     (quirk `user-object-required-fields`). Sent as JSON; the document's sample has no `Content-Type`, and
         *     a server must read such a body as JSON.
         */
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewUser"];
            };
        };
        responses: {
            /** @description The user was created. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserCreated"];
                };
            };
            /** @description The body is not a valid User Object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or bad access key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller has no `users` write permission, or a user with this e-mail address already exists in the organisation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Missing or bad access key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller has no `users` permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No user has this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        /**
         * @description A User Object; no field is required (quirk `user-object-required-fields`: the Go SDK sends partial
         *     updates). Sent as JSON; the document's sample has no `Content-Type`, and a server must read such a
         *     body as JSON.
         */
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserUpdate"];
            };
        };
        responses: {
            /** @description The user was updated. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserUpdated"];
                };
            };
            /** @description The body is not a valid User Object, or no user has this id. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or bad access key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller has no `users` write permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user was deleted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDeleted"];
                };
            };
            /** @description Missing or bad access key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller has no `users` write permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No user has this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    setUserPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        /**
         * @description A Password Object: `new_password` (required), `current_password` (not required when the user has no
         *     password yet). The sample also sends `user_permissions`: extra fields are allowed (quirk
         *     `set-password-sample-sends-user-permissions`). Sent as JSON; the document's sample has no
         *     `Content-Type`, and a server must read such a body as JSON.
         */
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordObject"];
            };
        };
        responses: {
            /** @description The password was set. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasswordUpdated"];
                };
            };
            /** @description The body is not a valid Password Object, or `current_password` is missing though the user has a password. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or bad access key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller has no `users` permission, sets another user's password without `users` write, or `current_password` is not the user's password. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No user has this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    resetUserSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        /**
         * @description `{"userId": "<USER_ID>"}`, optional: the user is the one in the path, and the Go SDK sends no body.
         *     The document writes it with typographic quotes and a literal `{USER_ID}` placeholder (quirk
         *     `key-reset-body-typographic-quotes`). Sent as JSON; the document's sample has no `Content-Type`, and a
         *     server must read such a body as JSON.
         */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["KeyResetRequest"];
            };
        };
        responses: {
            /** @description The user's session and access key were renewed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionRenewed"];
                };
            };
            /** @description Missing or bad access key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The caller has no `users` write permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No user has this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    createAdminUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A User Object; `email_address` is required (as on Add User), `password` and `org_id` are ignored. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewUser"];
            };
        };
        responses: {
            /** @description The user was created; `Message` is its access key, `Meta` the user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUserCreated"];
                };
            };
            /** @description The body is not a valid User Object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Missing or bad admin secret. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description A user with this e-mail address already exists in the organisation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getAdminUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Missing or bad admin secret. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No user has this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    updateAdminUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        /** @description A User Object; no field is required (partial update). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserUpdate"];
            };
        };
        responses: {
            /** @description The user was updated; `Message` is its access key, `Meta` the user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUserSaved"];
                };
            };
            /** @description Missing or bad admin secret. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The body is not a valid User Object. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No user has this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    allowResetPasswords: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user was updated; `Meta` is the user object. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUserUpdated"];
                };
            };
            /** @description Missing or bad admin secret. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No user has this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    disallowResetPasswords: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user object), a 24-hex-digit string in the samples. */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user was updated; `Meta` is the user object. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUserUpdated"];
                };
            };
            /** @description Missing or bad admin secret. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description No user has this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
}
