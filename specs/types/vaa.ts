// Generated from specs/vaa.openapi.yaml by `userapi types` (openapi-typescript). Do not edit.
export interface paths {
    "/api/v2/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in and get a token for the x-lxt-api-token header (not in the source document)
         * @description Form fields `username` and `password`, sent as `multipart/form-data` (as the vendor documents it) or `application/x-www-form-urlencoded` (as its own curl example sends them). The answer is `{"token": "..."}`, an RS256 JWT, NOT wrapped in the `{status, message, data}` envelope. The default API user is `lxt_api_user`.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve the list of all users, optionally filtered by email or userId
         * @description Retrieves current list of all users. The query parameters `email` and `userId` narrow the list to the users with that email / userId. When nothing matches, the answer is HTTP 400 "User(s) not found."
         */
        get: operations["listUsers"];
        /**
         * Modify an existing user
         * @description Use PUT to modify an existing user. An error will be returned if the user does not exist in the system. PUT parameters should be in JSON only. The user is identified by `userId`; see POST for `customerName` and `customerId`.
         */
        put: operations["updateUser"];
        /**
         * Add a new user
         * @description Use POST to add a new user. An error will be returned if this user already exists in the system. POST parameters should be in JSON only.
         *
         *     The API will automatically create a customer for the user if `customerName` is provided; the `customerName` will be returned with each subsequent API GET request and should be unique. If `customerId` is provided, the API uses it as the determining factor on whether or not to create a new customer, and creates one if that `customerId` does not already exist. `customerName` stays optional, but is recommended together with `customerId`, to give the customer a user-friendly name.
         */
        post: operations["createUser"];
        /**
         * Delete an existing user
         * @description Use DELETE to delete a user from the system. The request carries a JSON body (the POST or PUT example JSON); the user is identified by `userId`. DELETE parameters should be in JSON only.
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/users/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Deactivate an existing user
         * @description Deactivate an existing user: its `status` becomes `inactive`. The body is the PUT example JSON; the user is identified by `userId` and the other fields are ignored. An error will be returned if the user does not exist in the system.
         */
        put: operations["deactivateUser"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/users/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Reactivate an existing user
         * @description Reactivate an existing user: its `status` becomes `active`. The body is the PUT example JSON; the user is identified by `userId` and the other fields are ignored. An error will be returned if the user does not exist in the system.
         */
        put: operations["reactivateUser"];
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
        /** @description Every users answer: `{status, message, data}`. `status` repeats (or, for PUT and DELETE, contradicts) the HTTP status. */
        Envelope: {
            /** @description A status code in the body; 201 on PUT/DELETE success although the HTTP status is 200. */
            status: number;
            /** @description "Success", or the error ("User(s) not found.", "User already exists.", "Invalid user"). */
            message: string;
            /** @description An array of users (GET, POST), the user object (PUT, deactivate, reactivate), or `[]`. */
            data: unknown[] | {
                [key: string]: unknown;
            };
        };
        /** @description The envelope with `data` an array of user objects (GET; POST, with the one added user). */
        UserListEnvelope: components["schemas"]["Envelope"] & {
            data?: components["schemas"]["User"][];
        };
        /** @description The envelope with `data` the user object (PUT, deactivate, reactivate). */
        UserEnvelope: components["schemas"]["Envelope"] & {
            data?: components["schemas"]["User"];
        };
        /** @description The envelope with `data` an empty array (DELETE success and every error the document shows). */
        EmptyEnvelope: components["schemas"]["Envelope"] & {
            data?: unknown[];
        };
        /** @description A user as the API answers it. Extra properties are allowed. */
        User: {
            /** @description Not validated as an email address (the document's own users have `tset` and `test`). */
            email: string;
            /** @description The server's opaque id for the user (43 characters or hexadecimal in the document). */
            id: string;
            /** @description The user's login name; it identifies the user in every request. */
            userId: string;
            firstName: string;
            lastName: string;
            /** @enum {string} */
            status: "active" | "inactive";
            /** @description The customer's id, or null when the user has none. */
            customerId: string | null;
            /** @description The customer's name; returned on later GETs once a customer is named (no example shows it). */
            customerName?: string | null;
        };
        /** @description A role of the user in a product. */
        Role: {
            name?: string;
            product?: string;
        };
        /** @description The body of POST (test_data `v2users.add.user1`): `userId` and `email` required. */
        AddUserRequest: {
            userId: string;
            password?: string;
            email: string;
            firstName?: string;
            lastName?: string;
            /** @description Creates the customer if no customer has this id yet. */
            customerId?: string;
            /** @description Optional, recommended if customerId is provided; creates a customer with this name. */
            customerName?: string;
            roles?: components["schemas"]["Role"][];
        };
        /** @description The body of PUT, deactivate and reactivate (test_data `v2users.modify.user1`): `userId` and `email` required, `id` optional. */
        ModifyUserRequest: {
            /** @description A placeholder in every example; ignored, since `userId` identifies the user. */
            id?: string;
            userId: string;
            password?: string;
            email: string;
            firstName?: string;
            lastName?: string;
            customerId?: string;
            customerName?: string;
            roles?: components["schemas"]["Role"][];
        };
        /** @description The body of DELETE, either documented JSON (POST's or PUT's); `userId` identifies the user. */
        DeleteUserRequest: (components["schemas"]["AddUserRequest"] | components["schemas"]["ModifyUserRequest"]) & {
            /** @description As in PUT's body, a placeholder; ignored, since `userId` identifies the user. */
            id?: string;
        };
        /** @description The login form (not in the source document). */
        LoginForm: {
            username: string;
            password: string;
        };
        /** @description The login answer, not wrapped in the envelope (not in the source document). */
        LoginResponse: {
            /** @description An RS256 JWT, to send as `x-lxt-api-token`. */
            token: string;
        };
    };
    responses: {
        /** @description Missing or bad token (not in the source document; the vendor lists no 401). */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Envelope"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type Envelope = components['schemas']['Envelope'];
export type UserListEnvelope = components['schemas']['UserListEnvelope'];
export type UserEnvelope = components['schemas']['UserEnvelope'];
export type EmptyEnvelope = components['schemas']['EmptyEnvelope'];
export type User = components['schemas']['User'];
export type Role = components['schemas']['Role'];
export type AddUserRequest = components['schemas']['AddUserRequest'];
export type ModifyUserRequest = components['schemas']['ModifyUserRequest'];
export type DeleteUserRequest = components['schemas']['DeleteUserRequest'];
export type LoginForm = components['schemas']['LoginForm'];
export type LoginResponse = components['schemas']['LoginResponse'];
export type ResponseForbidden = components['responses']['Forbidden'];
export type $defs = Record<string, never>;
export interface operations {
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The user's credentials, as form fields. */
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["LoginForm"];
                "application/x-www-form-urlencoded": components["schemas"]["LoginForm"];
            };
        };
        responses: {
            /** @description The token, not wrapped in the envelope. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            /** @description Wrong username or password (not in any source: a reading). The vendor lists 403 among the product's status codes and no 401; the body is read as the envelope the users answers use. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmptyEnvelope"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Only the users with this email. */
                email?: string;
                /** @description Only the user with this userId. */
                userId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The users (all of them, or those matching the filter). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserListEnvelope"];
                };
            };
            /** @description No user matches the filter (HTTP 400, not 404). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmptyEnvelope"];
                };
            };
            403: components["responses"]["Forbidden"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The user's new values, as JSON; `userId` says which user. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModifyUserRequest"];
            };
        };
        responses: {
            /** @description The user was modified. HTTP 200, body `status` 201, `data` the user object. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserEnvelope"];
                };
            };
            403: components["responses"]["Forbidden"];
            /** @description No user has this userId (our reading of "An error will be returned"; the document shows no PUT error). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmptyEnvelope"];
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
        /** @description The new user, as JSON (sent by the document's commands with curl's form Content-Type). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddUserRequest"];
            };
        };
        responses: {
            /** @description The user was added; `data` is an array holding it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserListEnvelope"];
                };
            };
            /** @description A user with this userId already exists. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmptyEnvelope"];
                };
            };
            403: components["responses"]["Forbidden"];
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The user to delete, as JSON (the POST or the PUT example JSON); `userId` says which user. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeleteUserRequest"];
            };
        };
        responses: {
            /** @description The user was deleted. HTTP 200, body `status` 201, `data` empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmptyEnvelope"];
                };
            };
            403: components["responses"]["Forbidden"];
            /** @description No user has this userId (for instance, it was just deleted). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmptyEnvelope"];
                };
            };
        };
    };
    deactivateUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The user to deactivate, as JSON (the PUT example JSON); `userId` says which user. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModifyUserRequest"];
            };
        };
        responses: {
            /** @description The user was deactivated. HTTP 200, body `status` 201, `data` the user object. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserEnvelope"];
                };
            };
            403: components["responses"]["Forbidden"];
            /** @description No user has this userId (our reading of "An error will be returned"; the document shows no PUT error). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmptyEnvelope"];
                };
            };
        };
    };
    reactivateUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The user to reactivate, as JSON (the PUT example JSON); `userId` says which user. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModifyUserRequest"];
            };
        };
        responses: {
            /** @description The user was reactivated. HTTP 200, body `status` 201, `data` the user object. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserEnvelope"];
                };
            };
            403: components["responses"]["Forbidden"];
            /** @description No user has this userId (our reading of "An error will be returned"; the document shows no PUT error). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmptyEnvelope"];
                };
            };
        };
    };
}
