// Generated from specs/checkmarx.openapi.yaml by `userapi types` (openapi-typescript). Do not edit.
export interface paths {
    "/cxrestapi/auth/identity/connect/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get an access token with a user's credentials (not in the source document)
         * @description OAuth 2.0 password grant. The answer's `token_type` and `access_token` make the `Authorization` header of every other call (`Bearer <access token value>`). Clients pair `client_id=resource_owner_client` with `scope=sast_rest_api access_control_api`, or `client_id=resource_owner_sast_client` with `scope=access_control_api sast_api`.
         *     Readings of the project where the sources are silent: a token works for `expires_in` seconds and stops working (401) as soon as its user is deleted or deactivated; a user's `expirationDate` is data only and does not stop a login (the document's own admin has one in the past). The user name is compared case-insensitively. Every refusal is a 400 with an OAuth 2.0 error body (RFC 6749 section 5.2): a `client_id` other than the two above or a `client_secret` other than the well-known one (in the form or as HTTP Basic credentials), or no client at all, is `invalid_client`; a `grant_type` other than `password` is `unsupported_grant_type`; a missing user name or password, an unknown user, a wrong password or a deactivated user is `invalid_grant` / `invalid_username_or_password`. `scope` is not checked.
         */
        post: operations["requestToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cxrestapi/auth/AuthenticationProviders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the authentication providers (not in the source document)
         * @description The python SDK's own tests call it to find an `authenticationProviderId` by name. Its response shape is a project reading: an array of objects with an integer `id`, a string `name` and the `providerId`, `providerType`, `isExternal` and `active` the SDK reads, more fields allowed. Any valid token may read it.
         */
        get: operations["listAuthenticationProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cxrestapi/auth/Teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the teams (not in the source document)
         * @description The python SDK's own tests call it to find a team id by its full name ("/CxServer"). Its response shape is a project reading: an array of objects with an integer `id`, a string `name` and the `fullName` and `parentId` the SDK reads, more fields allowed. Any valid token may read it.
         */
        get: operations["listTeams"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cxrestapi/auth/Users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get All Users
         * @description Get details of all users. Role Id (roleIds) is used in the Roles API, Team Id (teamIds) is used in the Teams API, Authentication Provider Id (authenticationProviderId) is used in the Authentication Providers API and Locale Id (localeId) is used in the System Locales API.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create New User
         * @description Create a new user. The ‘Manage Users’ permission is required to execute this API. Returns the location of the created user in the response header.
         *     Readings of the project where the sources are silent: a caller without ‘Manage Users’ gets 403 whatever the body. `username` is unique per `authenticationProviderId`, compared case-insensitively: a duplicate is 400 naming it, while the same name under another provider is another user (facts). A field that is absent or null takes a default: `active` true, `roleIds`, `teamIds` and `allowedIpList` [], `authenticationProviderId` 1, `localeId` 1, the optional strings null; a new user's `lastLoginDate` is null. Role, team, provider and locale ids are not checked against their lists (the SDK's own tests assign role 3, which no source lists). `expirationDate` is answered as an RFC 3339 date-time (a date, or a time without an offset, is read as UTC; "" as null); one that is not a date is 400 naming it. A password must follow the product's policy (facts: at least 8 characters with an upper-case letter, a lower-case letter and a special character), else 400 naming `password`. Ids are integers, never reused.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cxrestapi/auth/Users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get User by Id
         * @description Get details of a user according to User Id. The document gives "201 Success"; the spec reads 200 (see the quirk `get-user-by-id-documents-201`).
         */
        get: operations["getUser"];
        /**
         * Update a User
         * @description Update user details according to User Id. The ‘Manage Users’ permission is required to execute this API. Once the request is successful, it does not return any content.
         *     Readings of the project where the sources are silent: a field given is set and an absent one keeps its value; null clears an optional field (the optional strings and `expirationDate` become null, the id lists []) and leaves alone a field a user cannot be without (`firstName`, `lastName`, `email`, `localeId`). Fields outside updateUserModel (the SDK's `username`, `password`, `authenticationProviderId`, `creationDate`) are ignored. `active` false stops the user's tokens and logins until it is set back to true. `expirationDate` is read as on create.
         */
        put: operations["updateUser"];
        post?: never;
        /**
         * Delete a User
         * @description Delete a user according to the User Id. The ‘Manage Users’ permission is required to execute this API. Once the request is successful, it does not return any content. The document lists a `Content-Type` header but no body (see the quirk `delete-lists-content-type`). The user's tokens stop working and the id is never given to another user (a project reading).
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cxrestapi/auth/Users/migration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Migrate Existing User (v2.0 - v9.2.0)
         * @description Migrate an existing user. The ‘Manage Users’ permission is required to execute this API. Returns the location of the newly created user in the response header. The document marks the operation "(v2.0 - v9.2.0)": it exists in those versions only.
         *     Reading of the project where the sources are silent: the user is created as by POST /Users (same defaults, same checks, a new id), and keeps `creationDate`, which the user's representation does not show.
         */
        post: operations["migrateUser"];
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
        /** @description A user as GET /Users and GET /Users/{id} return it. `required` lists the keys both samples show; more properties are allowed. */
        User: {
            id: number;
            userName: string;
            /** Format: date-time */
            lastLoginDate: string | null;
            roleIds: number[];
            teamIds: number[];
            authenticationProviderId: number;
            firstName: string;
            lastName: string;
            /** @description No `format` check (the document's addresses are obfuscated). */
            email: string;
            phoneNumber: string | null;
            cellPhoneNumber: string | null;
            jobTitle: string | null;
            other: string | null;
            country: string | null;
            active: boolean;
            expirationDate: string | null;
            allowedIpList: string[];
            localeId: number;
        };
        /** @description createUserModel. The document marks no field required; `username`, `firstName`, `lastName` and `email` are required as a project reading. Unknown fields are allowed (the SDK also sends `creationDate: null`). */
        CreateUserModel: {
            /** @description User name */
            username: string;
            /** @description User password. Product docs: at least 8 characters with an upper-case letter, a lower-case letter and a special character (not enforced by the schema). */
            password?: string | null;
            /** @description User related role(s) Id(s) */
            roleIds?: components["schemas"]["IdList"];
            /** @description User related team(s) Id(s) */
            teamIds?: components["schemas"]["IdList"];
            /** @description User authentication provider Id */
            authenticationProviderId?: number | null;
            /** @description User first name */
            firstName: string;
            /** @description User last name */
            lastName: string;
            /** @description User email address */
            email: string;
            /** @description User phone number */
            phoneNumber?: components["schemas"]["OptionalString"];
            /** @description User cellular phone number */
            cellPhoneNumber?: components["schemas"]["OptionalString"];
            /** @description User job title */
            jobTitle?: components["schemas"]["OptionalString"];
            /** @description User other information */
            other?: components["schemas"]["OptionalString"];
            country?: components["schemas"]["Country"];
            active?: components["schemas"]["ActiveFlag"];
            expirationDate?: components["schemas"]["ExpirationDate"];
            allowedIpList?: components["schemas"]["AllowedIpList"];
            /** @description User Locale (Id) */
            localeId?: number | null;
        };
        /** @description updateUserModel. Nothing is required. Unknown fields are allowed: the python SDK also sends `username`, `password`, `authenticationProviderId` and `creationDate`, as null. */
        UpdateUserModel: {
            /** @description User related role(s) Id(s) */
            roleIds?: components["schemas"]["IdList"];
            /** @description User related team(s) Id(s) */
            teamIds?: components["schemas"]["IdList"];
            /** @description User first name */
            firstName?: components["schemas"]["OptionalString"];
            /** @description User last name */
            lastName?: components["schemas"]["OptionalString"];
            /** @description User email address */
            email?: components["schemas"]["OptionalString"];
            /** @description User phone number */
            phoneNumber?: components["schemas"]["OptionalString"];
            /** @description User cellular phone number */
            cellPhoneNumber?: components["schemas"]["OptionalString"];
            /** @description User job title */
            jobTitle?: components["schemas"]["OptionalString"];
            /** @description User other information */
            other?: components["schemas"]["OptionalString"];
            country?: components["schemas"]["Country"];
            active?: components["schemas"]["ActiveFlag"];
            expirationDate?: components["schemas"]["ExpirationDate"];
            allowedIpList?: components["schemas"]["AllowedIpList"];
            /** @description User locale */
            localeId?: number | null;
        };
        /** @description migrationUserModel: createUserModel plus `creationDate`. `username`, `firstName`, `lastName` and `email` are required as a project reading. Unknown fields are allowed. */
        MigrationUserModel: {
            /** @description creation date (a timestamp or a date string) */
            creationDate?: number | string | null;
            /** @description User name */
            username: string;
            /** @description User password */
            password?: string | null;
            /** @description User related role(s) Id(s) */
            roleIds?: components["schemas"]["IdList"];
            /** @description User related team(s) Id(s) */
            teamIds?: components["schemas"]["IdList"];
            /** @description User authentication provider Id */
            authenticationProviderId?: number | null;
            /** @description User first name */
            firstName: string;
            /** @description User last name */
            lastName: string;
            /** @description User email address */
            email: string;
            /** @description User phone number */
            phoneNumber?: components["schemas"]["OptionalString"];
            /** @description User cellular phone number */
            cellPhoneNumber?: components["schemas"]["OptionalString"];
            /** @description User job title */
            jobTitle?: components["schemas"]["OptionalString"];
            /** @description User other information */
            other?: components["schemas"]["OptionalString"];
            country?: components["schemas"]["Country"];
            active?: components["schemas"]["ActiveFlag"];
            expirationDate?: components["schemas"]["ExpirationDate"];
            allowedIpList?: components["schemas"]["AllowedIpList"];
            /** @description User Locale (Id) */
            localeId?: number | null;
        };
        /** @description An optional text field; real clients send null for the ones they leave out. */
        OptionalString: string | null;
        /** @description Ids (of roles or teams); null accepted. */
        IdList: number[] | null;
        /** @description User country (the document says boolean; a string or null is read). */
        Country: string | null;
        /**
         * @description User active/inactive state (true/false), as a boolean or as the string "true" / "false".
         * @enum {boolean|string}
         */
        ActiveFlag: true | false | "true" | "false";
        /** @description User expiration date. Any string: a date-time, a date (`2030-01-01`) or `2099-07-30 12:00:00`; or null. */
        ExpirationDate: string | null;
        /** @description User allowed IPs; null accepted. */
        AllowedIpList: string[] | null;
        /** @description Optional error body. The mock sends CxSAST's REST error model, `{"messageCode": <integer>, "messageDetails": "<what is wrong>"}`; any other JSON body is accepted. */
        ErrorBody: {
            messageCode?: number;
            messageDetails?: string;
        };
        /** @description OAuth 2.0 password grant. Required as a project reading: `username`, `password`, `grant_type` (`client_id` / `client_secret` may also come as HTTP Basic credentials, and `scope` may be left to the client's defaults). */
        TokenRequest: {
            username: string;
            password: string;
            /** @constant */
            grant_type: "password";
            /**
             * @example sast_rest_api access_control_api
             * @example access_control_api sast_api
             */
            scope?: string;
            /**
             * @example resource_owner_client
             * @example resource_owner_sast_client
             */
            client_id?: string;
            /** @example 014DF517-39D1-4453-B7B3-9930C563627C */
            client_secret?: string;
        };
        TokenResponse: {
            access_token: string;
            /** @constant */
            token_type: "Bearer";
            expires_in: number;
        };
        TokenError: {
            error: string;
            error_description?: string;
        };
        /** @description A team (shape is a project reading; more fields allowed). */
        Team: {
            id: number;
            name: string;
            /** @description The team's path from the root team (`/CxServer/SP`). */
            fullName: string;
            /** @description The parent team's id; 0 for the root team. */
            parentId: number;
        };
        /** @description An authentication provider (shape is a project reading; more fields allowed). */
        AuthenticationProvider: {
            id: number;
            name: string;
            providerId: number;
            /** @description e.g. `Application`, `LDAP`, `Domain`, `SAML`. */
            providerType: string;
            isExternal: boolean;
            active: boolean;
        };
    };
    responses: {
        /** @description Bad Request */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json;v=1.0": components["schemas"]["ErrorBody"];
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description Unauthorized (no body) */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Forbidden (no body) */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Not Found */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json;v=1.0": components["schemas"]["ErrorBody"];
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /**
         * @description The URL of the created user (`.../cxrestapi/auth/Users/{id}`).
         * @example http://127.0.0.1:4010/cxrestapi/auth/Users/3
         */
        CreatedUserLocation: string;
        /**
         * @description The URL of the newly created user (`.../cxrestapi/auth/Users/{id}`).
         * @example http://127.0.0.1:4010/cxrestapi/auth/Users/4
         */
        MigratedUserLocation: string;
    };
    pathItems: never;
}
export type User = components['schemas']['User'];
export type CreateUserModel = components['schemas']['CreateUserModel'];
export type UpdateUserModel = components['schemas']['UpdateUserModel'];
export type MigrationUserModel = components['schemas']['MigrationUserModel'];
export type OptionalString = components['schemas']['OptionalString'];
export type IdList = components['schemas']['IdList'];
export type Country = components['schemas']['Country'];
export type ActiveFlag = components['schemas']['ActiveFlag'];
export type ExpirationDate = components['schemas']['ExpirationDate'];
export type AllowedIpList = components['schemas']['AllowedIpList'];
export type ErrorBody = components['schemas']['ErrorBody'];
export type TokenRequest = components['schemas']['TokenRequest'];
export type TokenResponse = components['schemas']['TokenResponse'];
export type TokenError = components['schemas']['TokenError'];
export type Team = components['schemas']['Team'];
export type AuthenticationProvider = components['schemas']['AuthenticationProvider'];
export type ResponseBadRequest = components['responses']['BadRequest'];
export type ResponseUnauthorized = components['responses']['Unauthorized'];
export type ResponseForbidden = components['responses']['Forbidden'];
export type ResponseNotFound = components['responses']['NotFound'];
export type HeaderCreatedUserLocation = components['headers']['CreatedUserLocation'];
export type HeaderMigratedUserLocation = components['headers']['MigratedUserLocation'];
export type $defs = Record<string, never>;
export interface operations {
    requestToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The password grant, form-encoded. */
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description The access token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description Bad credentials (`invalid_grant`), or a malformed grant: an unknown client (`invalid_client`), a grant type other than `password` (`unsupported_grant_type`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenError"];
                };
            };
        };
    };
    listAuthenticationProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The authentication providers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json;v=1.0": components["schemas"]["AuthenticationProvider"][];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    listTeams: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The teams. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json;v=1.0": components["schemas"]["Team"][];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    listUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json;v=1.0": components["schemas"]["User"][];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description createUserModel: the user details. */
        requestBody: {
            content: {
                "application/json;v=1.0": components["schemas"]["CreateUserModel"];
                "application/json": components["schemas"]["CreateUserModel"];
            };
        };
        responses: {
            /** @description Success (no content; the created user's location in the `Location` header) */
            201: {
                headers: {
                    Location: components["headers"]["CreatedUserLocation"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Unique Id of the User */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success (the document says 201) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json;v=1.0": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Unique Id of the User */
                id: number;
            };
            cookie?: never;
        };
        /** @description updateUserModel: the user details to update. */
        requestBody: {
            content: {
                "application/json;v=1.0": components["schemas"]["UpdateUserModel"];
                "application/json": components["schemas"]["UpdateUserModel"];
            };
        };
        responses: {
            /** @description Success (no content) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Unique Id of the User */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success (no content) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Returns error messages */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json;v=1.0": components["schemas"]["ErrorBody"];
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description User not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json;v=1.0": components["schemas"]["ErrorBody"];
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    migrateUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description migrationUserModel: the user details. */
        requestBody: {
            content: {
                "application/json;v=1.0": components["schemas"]["MigrationUserModel"];
                "application/json": components["schemas"]["MigrationUserModel"];
            };
        };
        responses: {
            /** @description Success (no content; the new user's location in the `Location` header) */
            201: {
                headers: {
                    Location: components["headers"]["MigratedUserLocation"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
}
