// Generated from specs/tyk-5.8.openapi.yaml by `userapi types` (openapi-typescript). Do not edit.
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
         * @description Lists the users of the caller's organisation. `p` (from 1) selects a page of 10 users; `p` <= 0 or
         *     no `p` returns every user. `pages` is the number of pages of 10 the users fill.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Add User
         * @description Adds a user to the caller's organisation. `first_name`, `last_name`, `email_address` and
         *     `user_permissions` are required. Answers the new user's id in `Meta`.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search Users
         * @description The users whose e-mail address, first or last name contains `q` (ignoring case), paged with `p` as
         *     List Users pages.
         */
        get: operations["searchUsers"];
        put?: never;
        /**
         * Search Users by filters
         * @description The users whose every field named in `filters` contains the value given for it (ignoring case; a
         *     boolean field such as `active` must equal it), paged with `p`.
         */
        post: operations["searchUsersByFilters"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Current User
         * @description The user whose access key the request sends.
         */
        get: operations["getCurrentUser"];
        put?: never;
        post?: never;
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
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        /**
         * Get User
         * @description One user of the caller's organisation, by id.
         */
        get: operations["getUser"];
        /**
         * Update User
         * @description Sets the fields given (`first_name`, `last_name`, `email_address`, `active`, `user_permissions`) and
         *     keeps the others. `user_permissions`, when given, must name at least one permission.
         */
        put: operations["updateUser"];
        post?: never;
        /**
         * Delete User
         * @description Deletes a user; its access key stops working.
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
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set User Password
         * @description Sets a user's password. `current_password` is needed only when the user already has one. `users`
         *     read lets a caller set its own password; another user's needs `users` write. POST only.
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
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Reset User Session
         * @description Gives the user a new access key; the old one stops working. No body.
         */
        put: operations["resetUserSession"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{USER_ID}/actions/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Revoke User
         * @description Revokes the user's access key (quirk `revoke-withdraws-the-key`); Reset User Session gives a new one.
         */
        put: operations["revokeUser"];
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
         * Admin Create User
         * @description Creates a user with the admin secret (`org_id` is ignored: the mock holds one organisation). The
         *     user has no password until Set User Password gives it one, without `current_password`; a `password`
         *     in the body is ignored. `user_permissions` are stored as sent, `ResetPassword` included. Answers the
         *     new user's access key in `Message` and the user in `Meta`.
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
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        /**
         * Admin Get User
         * @description One user by id, with the admin secret.
         */
        get: operations["getAdminUser"];
        /**
         * Admin Update User
         * @description Sets the fields given and keeps the others (as Update User); `user_permissions` are stored as sent,
         *     `ResetPassword` included; `password` and `org_id` are ignored. Answers the user's access key in
         *     `Message` and the user in `Meta`.
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
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Allow Reset Password
         * @description Grants the user the `ResetPassword` permission; answers the user in `Meta`. No body.
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
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Disallow Reset Password
         * @description Withdraws the user's `ResetPassword` permission; answers the user in `Meta`. No body.
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
        /** @description The envelope of every answer but a user or a list of users. */
        Envelope: {
            Status: string;
            Message: string;
            /** @description Any JSON value. */
            Meta: unknown;
        };
        /** @description An error answer. */
        ErrorEnvelope: components["schemas"]["Envelope"] & {
            /** @constant */
            Status?: "Error";
            Meta?: null;
        };
        /** @description A change that answers no data: `Meta` null ("User updated", "User deleted", "User password updated", "User session renewed", "User revoked"). */
        Done: components["schemas"]["Envelope"] & {
            /** @constant */
            Status?: "OK";
            Meta?: null;
        };
        /** @description Add User's answer, the new user's id in `Meta`. */
        UserCreated: components["schemas"]["Envelope"] & {
            /** @constant */
            Status?: "OK";
            /** @constant */
            Message?: "User and session have been created";
            Meta?: string;
        };
        /** @description Admin Create User's answer: `Message` the new user's access key, `Meta` the user. */
        AdminUserCreated: components["schemas"]["Envelope"] & {
            /** @constant */
            Status?: "OK";
            Meta?: components["schemas"]["User"];
        };
        /** @description Admin Update User's answer: `Message` the user's access key, `Meta` the user (the facts show no `Status`; when present it is OK). */
        AdminUserSaved: {
            /** @constant */
            Status?: "OK";
            Message: string;
            Meta: components["schemas"]["User"];
        };
        /** @description Allow / Disallow Reset Password's answer ("User updated", `Meta` the user). */
        AdminUserUpdated: components["schemas"]["Envelope"] & {
            /** @constant */
            Status?: "OK";
            Meta?: components["schemas"]["User"];
        };
        /** @description Permission object name to level, e.g. `users` to `read` or `write`, `IsAdmin` to `admin`. */
        UserPermissions: {
            [key: string]: string;
        };
        /**
         * @description A Dashboard 5.8 user, exactly the fields of the 5.8 OpenAPI: no `password`, and no other field. A
         *     client generated from that OpenAPI (the Tyk Go SDK) decodes a user with unknown fields disallowed, so
         *     the field list is closed here (unlike the document's spec, whose responses admit extra fields).
         */
        User: {
            id?: string;
            org_id?: string;
            first_name: string;
            last_name: string;
            email_address: string;
            active?: boolean;
            /** @description "" after Revoke User, until Reset User Session gives a new key. */
            access_key?: string;
            api_model?: Record<string, never>;
            user_permissions: components["schemas"]["UserPermissions"];
            /** @description The user's group; "" for none (the mock has no user groups). */
            group_id?: string;
            /** Format: date-time */
            created_at?: string;
            /**
             * Format: date-time
             * @description "0001-01-01T00:00:00Z" (a Go zero time) when the user never logged in.
             */
            last_login_date?: string;
            /** @description 0 when passwords do not expire. */
            password_max_days?: number;
            /**
             * Format: date-time
             * @description When the password was last set; "0001-01-01T00:00:00Z" when it never was.
             */
            password_updated?: string;
        };
        UserList: {
            pages: number;
            /** @description The users; the facts allow null, the mock answers [] when there are none. */
            users: components["schemas"]["User"][] | null;
        };
        /** @description The fields of a User a client sends; extra fields are allowed (and ignored). */
        UserFields: {
            first_name?: string;
            last_name?: string;
            email_address?: string;
            active?: boolean;
            password?: string;
            org_id?: string;
            user_permissions?: components["schemas"]["UserPermissions"];
        };
        /** @description Add User's body: `first_name`, `last_name`, `email_address` and `user_permissions` required. */
        NewUser: components["schemas"]["UserFields"] & Record<string, never>;
        /** @description Admin Create User's body; `email_address` required. */
        NewAdminUser: components["schemas"]["UserFields"] & Record<string, never>;
        /** @description Update User's body; no field required (partial update). */
        UserUpdate: components["schemas"]["UserFields"];
        PasswordObject: {
            current_password?: string;
            new_password: string;
        };
        SearchFilters: {
            /** @description User field name to the value to look for. */
            filters: {
                [key: string]: string | boolean;
            };
        };
    };
    responses: {
        /** @description Missing or bad access key. */
        NotAuthorised: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description Missing or bad admin secret. */
        AdminNotAuthorised: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The caller lacks the `users` permission the call needs. */
        AccessDenied: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The body is not a valid User. */
        UserObjectInvalid: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description No user has this id. */
        UserNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description No user has this id. */
        UserNotFoundByLookup: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description No user has this id. */
        AdminUserNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description No user has this id. */
        AdminUserDetailNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The user could not be stored (a storage failure; the mock never answers it). */
        AdminUpdateFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The user was updated; `Meta` is the user. */
        AdminUserUpdated: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AdminUserUpdated"];
            };
        };
        /** @description The user. */
        OneUser: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["User"];
            };
        };
        /** @description The user was updated. */
        UserUpdated: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Done"];
            };
        };
        /** @description The users found (a page of them with `p` >= 1), with the page count. */
        UsersFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["UserList"];
            };
        };
        /** @description The search could not run (a storage failure; the mock never answers it). */
        SearchFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
    };
    parameters: {
        /** @description The user's id (the `id` of a user). */
        USER_ID: string;
        /** @description Page number, from 1 (10 users a page); `p` <= 0 or no `p` returns every user. */
        Page: number;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type Envelope = components['schemas']['Envelope'];
export type ErrorEnvelope = components['schemas']['ErrorEnvelope'];
export type Done = components['schemas']['Done'];
export type UserCreated = components['schemas']['UserCreated'];
export type AdminUserCreated = components['schemas']['AdminUserCreated'];
export type AdminUserSaved = components['schemas']['AdminUserSaved'];
export type AdminUserUpdated = components['schemas']['AdminUserUpdated'];
export type UserPermissions = components['schemas']['UserPermissions'];
export type User = components['schemas']['User'];
export type UserList = components['schemas']['UserList'];
export type UserFields = components['schemas']['UserFields'];
export type NewUser = components['schemas']['NewUser'];
export type NewAdminUser = components['schemas']['NewAdminUser'];
export type UserUpdate = components['schemas']['UserUpdate'];
export type PasswordObject = components['schemas']['PasswordObject'];
export type SearchFilters = components['schemas']['SearchFilters'];
export type ResponseNotAuthorised = components['responses']['NotAuthorised'];
export type ResponseAdminNotAuthorised = components['responses']['AdminNotAuthorised'];
export type ResponseAccessDenied = components['responses']['AccessDenied'];
export type ResponseUserObjectInvalid = components['responses']['UserObjectInvalid'];
export type ResponseUserNotFound = components['responses']['UserNotFound'];
export type ResponseUserNotFoundByLookup = components['responses']['UserNotFoundByLookup'];
export type ResponseAdminUserNotFound = components['responses']['AdminUserNotFound'];
export type ResponseAdminUserDetailNotFound = components['responses']['AdminUserDetailNotFound'];
export type ResponseAdminUpdateFailed = components['responses']['AdminUpdateFailed'];
export type ResponseAdminUserUpdated = components['responses']['AdminUserUpdated'];
export type ResponseOneUser = components['responses']['OneUser'];
export type ResponseUserUpdated = components['responses']['UserUpdated'];
export type ResponseUsersFound = components['responses']['UsersFound'];
export type ResponseSearchFailed = components['responses']['SearchFailed'];
export type ParameterUserId = components['parameters']['USER_ID'];
export type ParameterPage = components['parameters']['Page'];
export type $defs = Record<string, never>;
export interface operations {
    listUsers: {
        parameters: {
            query?: {
                /** @description Page number, from 1 (10 users a page); `p` <= 0 or no `p` returns every user. */
                p?: components["parameters"]["Page"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The users (a page of them with `p` >= 1), with the page count. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            401: components["responses"]["NotAuthorised"];
            403: components["responses"]["AccessDenied"];
            /** @description The users could not be read (a storage failure; the mock never answers it). */
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
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A User; `password`, when given, becomes the user's password (quirk `add-user-takes-password`). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewUser"];
            };
        };
        responses: {
            /** @description The user was created; `Meta` is its id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserCreated"];
                };
            };
            400: components["responses"]["UserObjectInvalid"];
            401: components["responses"]["NotAuthorised"];
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
    searchUsers: {
        parameters: {
            query?: {
                /** @description The text to look for; no `q` (or an empty one) matches every user. */
                q?: string;
                /** @description Page number, from 1 (10 users a page); `p` <= 0 or no `p` returns every user. */
                p?: components["parameters"]["Page"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["UsersFound"];
            401: components["responses"]["NotAuthorised"];
            403: components["responses"]["AccessDenied"];
            404: components["responses"]["SearchFailed"];
        };
    };
    searchUsersByFilters: {
        parameters: {
            query?: {
                /** @description Page number, from 1 (10 users a page); `p` <= 0 or no `p` returns every user. */
                p?: components["parameters"]["Page"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description `{"filters": {<user field>: <value>, ...}}`. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["SearchFilters"];
            };
        };
        responses: {
            200: components["responses"]["UsersFound"];
            /** @description The body holds no `filters` object. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            401: components["responses"]["NotAuthorised"];
            403: components["responses"]["AccessDenied"];
            404: components["responses"]["SearchFailed"];
        };
    };
    getCurrentUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OneUser"];
            401: components["responses"]["NotAuthorised"];
            403: components["responses"]["AccessDenied"];
            /** @description The key belongs to no user (the configured key of a mock seeded empty). */
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
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OneUser"];
            401: components["responses"]["NotAuthorised"];
            403: components["responses"]["AccessDenied"];
            404: components["responses"]["UserNotFound"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        /** @description Any of `first_name`, `last_name`, `email_address`, `active`, `user_permissions`. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserUpdate"];
            };
        };
        responses: {
            200: components["responses"]["UserUpdated"];
            /** @description The body is not a valid User, or no user has this id. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            401: components["responses"]["NotAuthorised"];
            /** @description The caller has no `users` write permission, or `user_permissions` names no permission. */
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
                /** @description The user's id (the `id` of a user). */
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
                    "application/json": components["schemas"]["Done"];
                };
            };
            /** @description The user could not be deleted (a storage failure; the mock never answers it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            401: components["responses"]["NotAuthorised"];
            403: components["responses"]["AccessDenied"];
            404: components["responses"]["UserNotFound"];
        };
    };
    setUserPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        /** @description `{"current_password": ..., "new_password": ...}`; `current_password` only when the user has a password. */
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
                    "application/json": components["schemas"]["Done"];
                };
            };
            401: components["responses"]["NotAuthorised"];
            /**
             * @description The body is malformed, `current_password` is missing or wrong though the user has a password, or
             *     the caller may not set this user's password.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            404: components["responses"]["UserNotFoundByLookup"];
        };
    };
    resetUserSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's session and access key were renewed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Done"];
                };
            };
            /** @description The new key could not be stored (a storage failure; the mock never answers it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            401: components["responses"]["NotAuthorised"];
            403: components["responses"]["AccessDenied"];
            404: components["responses"]["UserNotFoundByLookup"];
        };
    };
    revokeUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's access key was revoked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Done"];
                };
            };
            /** @description No user has this id. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            401: components["responses"]["NotAuthorised"];
            403: components["responses"]["AccessDenied"];
        };
    };
    createAdminUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A User; `email_address` is required, `password` and `org_id` are ignored. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewAdminUser"];
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
            /** @description The body is not a valid User. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            401: components["responses"]["AdminNotAuthorised"];
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
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OneUser"];
            401: components["responses"]["AdminNotAuthorised"];
            404: components["responses"]["AdminUserNotFound"];
        };
    };
    updateAdminUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        /** @description Any fields of a User. */
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
            401: components["responses"]["AdminNotAuthorised"];
            /** @description The body is not a valid User. */
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
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AdminUserUpdated"];
            401: components["responses"]["AdminNotAuthorised"];
            403: components["responses"]["AdminUpdateFailed"];
            404: components["responses"]["AdminUserDetailNotFound"];
        };
    };
    disallowResetPasswords: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id (the `id` of a user). */
                USER_ID: components["parameters"]["USER_ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AdminUserUpdated"];
            401: components["responses"]["AdminNotAuthorised"];
            403: components["responses"]["AdminUpdateFailed"];
            404: components["responses"]["AdminUserDetailNotFound"];
        };
    };
}
