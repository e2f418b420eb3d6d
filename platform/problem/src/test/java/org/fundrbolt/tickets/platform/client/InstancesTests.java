package org.fundrbolt.tickets.platform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class InstancesTests {

    @Test
    void oneUrlIsEveryCallsInstance() {
        Instances instances = Instances.of("http://127.0.0.1:8083");
        assertThat(instances.all()).containsExactly(URI.create("http://127.0.0.1:8083"));
        assertThat(instances.inTurn()).containsExactly(URI.create("http://127.0.0.1:8083"));
        assertThat(instances.inTurn()).containsExactly(URI.create("http://127.0.0.1:8083"));
    }

    @Test
    void aListIsTakenInTurn() {
        Instances instances = Instances.of(" http://a:8083 , http://b:8183,");
        List<URI> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(instances.inTurn().get(0));
        }
        assertThat(calls).extracting(URI::getHost).containsExactly("a", "b", "a", "b");
    }

    @Test
    void eachCallTriesEveryInstanceOnceStartingWithTheNextInTurn() {
        Instances instances = Instances.of("http://a:1,http://b:1,http://c:1");
        assertThat(instances.inTurn()).extracting(URI::getHost).containsExactly("a", "b", "c");
        assertThat(instances.inTurn()).extracting(URI::getHost).containsExactly("b", "c", "a");
        assertThat(instances.inTurn().get(0).getHost()).isEqualTo("c");
    }

    @Test
    void anEntryThatIsNoBaseUrlFailsAtStartUp() {
        assertThatThrownBy(() -> Instances.of("127.0.0.1:8083")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Instances.of(" , ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Instances.of("ftp://a:21")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAConnectionThatWasNeverOpenedCountsAsRefused() {
        assertThat(Instances.refused(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(Instances.refused(new java.net.UnknownHostException("nowhere"))).isTrue();
        assertThat(Instances.refused(new IOException("connection reset"))).isFalse();
        assertThat(Instances.refused(new java.util.concurrent.TimeoutException())).isFalse();
    }
}
