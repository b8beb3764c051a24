"""A minimal OpenID Connect provider for the tests: a real HTTP server on 127.0.0.1 (discovery document, an
authorization endpoint that signs in whichever user the test chose, a token endpoint that checks the client's
secret and the code, RS256 ID tokens signed with a fresh key, and its JWKS). The dashboard's authlib client
talks to it over HTTP exactly as it would to the province's identity system; nothing of the library is mocked.
"""

from __future__ import annotations

import base64
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from flask import Flask, abort, jsonify, redirect, request
from joserfc import jwt
from joserfc.jwk import RSAKey
from werkzeug.serving import make_server

CLIENT_ID, CLIENT_SECRET = "chuangye-dashboard", "test-client-secret"


@dataclass
class Provider:
    users: dict[str, dict] = field(default_factory=dict)  # who may sign in: username -> extra claims
    signed_in: str | None = None  # the user the next authorization signs in (the test's choice)
    url: str = ""
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, parameters={"kid": "test-key"}))
    codes: dict[str, dict] = field(default_factory=dict)
    tokens_issued: int = 0

    def app(self) -> Flask:
        app = Flask("oidc-provider")

        @app.get("/.well-known/openid-configuration")
        def discovery():
            return jsonify(
                issuer=self.url,
                authorization_endpoint=f"{self.url}/authorize",
                token_endpoint=f"{self.url}/token",
                jwks_uri=f"{self.url}/jwks",
                response_types_supported=["code"],
                subject_types_supported=["public"],
                id_token_signing_alg_values_supported=["RS256"],
                token_endpoint_auth_methods_supported=["client_secret_basic", "client_secret_post"],
            )

        @app.get("/authorize")
        def authorize():
            args = request.args
            if args.get("client_id") != CLIENT_ID or args.get("response_type") != "code" or self.signed_in is None:
                abort(400)
            code = secrets.token_urlsafe(16)
            self.codes[code] = {"user": self.signed_in, "nonce": args.get("nonce"), "uri": args["redirect_uri"]}
            return redirect(f"{args['redirect_uri']}?{urlencode({'code': code, 'state': args.get('state', '')})}")

        @app.post("/token")
        def token():
            client, secret = _client_credentials()
            grant = self.codes.pop(request.form.get("code", ""), None)
            if (client, secret) != (CLIENT_ID, CLIENT_SECRET) or grant is None:
                return jsonify(error="invalid_grant"), 400
            if request.form.get("redirect_uri") != grant["uri"]:
                return jsonify(error="invalid_grant"), 400
            now = int(time.time())
            claims = {"iss": self.url, "sub": grant["user"], "aud": CLIENT_ID, "iat": now, "exp": now + 300,
                      "nonce": grant["nonce"], "preferred_username": grant["user"]}  # fmt: skip
            claims |= self.users[grant["user"]]
            self.tokens_issued += 1
            id_token = jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, self.key)
            access = secrets.token_urlsafe(16)
            return jsonify(access_token=access, token_type="Bearer", expires_in=300, id_token=id_token)

        @app.get("/jwks")
        def jwks():
            return jsonify(keys=[self.key.as_dict(private=False)])

        return app


def _client_credentials() -> tuple[str, str]:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("basic "):
        client, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        return client, secret
    return request.form.get("client_id", ""), request.form.get("client_secret", "")


class RunningProvider:
    """The provider served from a thread on a free port of 127.0.0.1 until ``stop()``."""

    def __init__(self, provider: Provider) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        provider.url = f"http://127.0.0.1:{port}"
        self.provider = provider
        self.server = make_server("127.0.0.1", port, provider.app(), threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)
