package dev.tasman.control.origin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public half of the signing key, for anyone to verify manifests with: needs no token. */
@RestController
@Tag(name = "Keys", description = "public")
class KeysController {

    private final SigningKey signingKey;

    KeysController(SigningKey signingKey) {
        this.signingKey = signingKey;
    }

    /** @param publicKey base64 of the X.509 SubjectPublicKeyInfo (DER) */
    record PublicKey(String id, String algorithm, String publicKey) {
    }

    record Keys(List<PublicKey> keys) {
    }

    @GetMapping("/v1/keys")
    @Operation(summary = "The keys manifests are signed with (Ed25519, X.509 DER in base64)")
    ResponseEntity<Keys> keys() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(5, TimeUnit.MINUTES).cachePublic())
                .body(new Keys(List.of(new PublicKey(signingKey.keyId(), "Ed25519",
                        Base64.getEncoder().encodeToString(signingKey.publicKeyDer())))));
    }
}
