package io.microtvm.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.MicroTvmException;
import org.junit.jupiter.api.Test;

class ArtifactCoordinatesTest {
    private static final String PARAM = "modelArtifact (property microtvm.modelArtifact)";

    @Test
    void parsesGroupArtifactVersionAndAnOptionalClassifier() throws Exception {
        assertThat(ArtifactCoordinates.parse("com.example:kws:1.4.2", "tar", PARAM))
                .isEqualTo(new ArtifactCoordinates("com.example", "kws", "1.4.2", "", "tar"));
        ArtifactCoordinates withClassifier = ArtifactCoordinates.parse(" com.example:kws:1.4.2-SNAPSHOT:int8 ", "tar", PARAM);
        assertThat(withClassifier.classifier()).isEqualTo("int8");
        assertThat(withClassifier.coordinates()).isEqualTo("com.example:kws:1.4.2-SNAPSHOT:int8");
        assertThat(withClassifier).hasToString("com.example:kws:1.4.2-SNAPSHOT:int8 (tar)");
        assertThat(ArtifactCoordinates.parse("g:a:1.0:", "npz", PARAM).classifier()).as("an empty classifier is none")
                .isEmpty();
    }

    @Test
    void wrongShapesAreClearErrorsNamingTheParameter() {
        assertThatThrownBy(() -> ArtifactCoordinates.parse("com.example:kws", "tar", PARAM))
                .isInstanceOf(MicroTvmException.class)
                .hasMessageContaining("modelArtifact (property microtvm.modelArtifact) must be"
                        + " groupId:artifactId:version[:classifier]")
                .hasMessageContaining("got 'com.example:kws' (2 parts)")
                .hasMessageContaining("The extension is tar");
        assertThatThrownBy(() -> ArtifactCoordinates.parse("a:b:c:d:e", "tar", PARAM))
                .hasMessageContaining("(5 parts)");
        assertThatThrownBy(() -> ArtifactCoordinates.parse(null, "tar", PARAM)).hasMessageContaining("got ''");
        assertThatThrownBy(() -> ArtifactCoordinates.parse("com.example::1.0", "tar", PARAM))
                .hasMessageContaining("the artifactId of 'com.example::1.0' is empty");
        assertThatThrownBy(() -> ArtifactCoordinates.parse("com example:kws:1.0", "tar", PARAM))
                .hasMessageContaining("the groupId of 'com example:kws:1.0' is 'com example', which is not a valid"
                        + " Maven groupId");
    }
}
