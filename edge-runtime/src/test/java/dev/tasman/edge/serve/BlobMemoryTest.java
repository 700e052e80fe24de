package dev.tasman.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BlobMemoryTest {

    private static ByteBuffer blob(int size) {
        return ByteBuffer.allocateDirect(size).asReadOnlyBuffer();
    }

    @Test
    void givenAHeldBlob_whenReadTwice_thenEachReaderHasItsOwnReadOnlyPosition() {
        BlobMemory memory = new BlobMemory(1024);
        memory.put("a", blob(10));

        ByteBuffer first = memory.get("a");
        first.position(7);
        ByteBuffer second = memory.get("a");

        assertThat(second.position()).isZero();
        assertThat(second.remaining()).isEqualTo(10);
        assertThat(second.isReadOnly()).isTrue();
        assertThat(memory.get("b")).isNull();
    }

    @Test
    void givenTheBudgetIsExceeded_whenABlobIsAdded_thenBlobsNotReadSinceTheClockPassedGoFirst() {
        BlobMemory memory = new BlobMemory(300);
        memory.put("a", blob(100));
        memory.put("b", blob(100));
        memory.put("c", blob(100));
        memory.get("a"); // a gets a second chance

        memory.put("d", blob(100));

        assertThat(memory.get("b")).isNull();
        assertThat(memory.get("a")).isNotNull();
        assertThat(memory.get("c")).isNotNull();
        assertThat(memory.get("d")).isNotNull();
        assertThat(memory.bytes()).isEqualTo(300);
    }

    @Test
    void givenABlobOverTheSmallSize_whenAdded_thenNotHeld() {
        BlobMemory memory = new BlobMemory(BlobMemory.DEFAULT_BUDGET);

        memory.put("big", blob(BlobMemory.MAX_BLOB + 1));

        assertThat(memory.get("big")).isNull();
        assertThat(memory.bytes()).isZero();
    }
}
