package org.fundrbolt.tickets.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The opt-in profile that builds fundrbolt/<artifactId>:<version> with Jib, and only when asked. */
class ContainerImageProfileTests {

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static Element profile() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Repo.read("pom.xml").getBytes(StandardCharsets.UTF_8)));
        NodeList profiles = pom.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element p = (Element) profiles.item(i);
            if ("container-images".equals(child(p, "id").getTextContent().trim())) {
                return p;
            }
        }
        throw new AssertionError("the parent pom.xml has no profile container-images");
    }

    @Test
    void theProfileBuildsImagesNamedAsTheManifestsExpect() throws Exception {
        Element profile = profile();
        Map<String, String> properties = new HashMap<>();
        Element props = child(profile, "properties");
        for (Node n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                properties.put(e.getTagName(), e.getTextContent().trim());
            }
        }
        assertThat(properties).containsEntry("quarkus.container-image.build", "true")
                .containsEntry("quarkus.container-image.group", "fundrbolt")
                .containsEntry("quarkus.container-image.name", "${project.artifactId}")
                .containsEntry("quarkus.container-image.tag", "${project.version}")
                .containsEntry("quarkus.jib.user", "185");
        String dependencies = child(profile, "dependencies").getTextContent();
        assertThat(dependencies).contains("io.quarkus").contains("quarkus-container-image-jib");
        assertThat(child(child(profile, "dependencies"), "dependency")).satisfies(d -> assertThat(child(d, "version"))
                .as("the Jib extension's version comes from the Quarkus BOM").isNull());
    }

    @Test
    void theDefaultBuildNeverBuildsOrPullsImages() throws Exception {
        Element activation = child(profile(), "activation");
        assertThat(activation).as("container-images is opt-in (-Pcontainer-images), never activated").isNull();
        String parent = Repo.read("pom.xml");
        String outsideProfiles = parent.replaceFirst("(?s)<profiles>.*</profiles>", "");
        assertThat(outsideProfiles).doesNotContain("quarkus-container-image")
                .doesNotContain("quarkus.container-image.build");
        for (String service : Repo.SERVICES) {
            assertThat(Repo.read(service + "/pom.xml")).as("%s/pom.xml", service)
                    .doesNotContain("quarkus-container-image").doesNotContain("quarkus.container-image.build");
            String properties = Repo.read(service + "/src/main/resources/application.properties");
            assertThat(properties).as("%s application.properties", service)
                    .doesNotContain("quarkus.container-image.build=true");
        }
    }
}
