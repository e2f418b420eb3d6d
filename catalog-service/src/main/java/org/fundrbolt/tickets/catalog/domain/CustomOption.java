package org.fundrbolt.tickets.catalog.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A question asked at checkout for one package (at most four per package, one per slot). */
public class CustomOption {

    public static final List<String> TYPES = List.of("boolean", "single_select", "multi_select", "text_input");

    public UUID id;
    public UUID packageId;
    public int slot;
    public String label;
    public String optionType;
    public List<String> choices;
    public boolean required;
    public int displayOrder;
    public Integer maxLength;
    public Instant createdAt;

    public static boolean isSelect(String type) {
        return "single_select".equals(type) || "multi_select".equals(type);
    }
}
