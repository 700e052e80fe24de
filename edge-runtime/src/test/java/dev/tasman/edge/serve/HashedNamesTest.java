package dev.tasman.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HashedNamesTest {

    @Test
    void givenNamesBundlersGiveHashedAssets_whenChecked_thenHashed() {
        assertThat(HashedNames.isHashed("assets/app.3f9a8c1d.js")).isTrue();
        assertThat(HashedNames.isHashed("assets/index-B7xk2Qp9.css")).isTrue();
        assertThat(HashedNames.isHashed("chunk-5f3e2a1b9c.js")).isTrue();
        assertThat(HashedNames.isHashed("_next/static/chunks/4f8a9b2c1d3e.js")).isTrue();
    }

    @Test
    void givenVersionedOrPlainNames_whenChecked_thenNotHashed() {
        assertThat(HashedNames.isHashed("vendor/jquery-3.7.1.min.js")).isFalse();
        assertThat(HashedNames.isHashed("favicon-32x32.png")).isFalse();
        assertThat(HashedNames.isHashed("bootstrap-bundle.min.js")).isFalse();
        assertThat(HashedNames.isHashed("backup-20240101.tar")).isFalse();
        assertThat(HashedNames.isHashed("report_2024abcd.pdf")).isFalse();
        assertThat(HashedNames.isHashed("a1b2c3d4e5/logo.png")).isFalse();
    }
}
