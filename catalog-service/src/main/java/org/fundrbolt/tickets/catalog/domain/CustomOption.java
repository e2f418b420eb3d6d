package org.fundrbolt.tickets.catalog.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A question asked at checkout for one package (at most four per package). */
@Entity
@Table(name = "custom_ticket_options")
public class CustomOption {

    @Id
    public UUID id;
    @ManyToOne
    @JoinColumn(name = "package_id", nullable = false)
    public TicketPackage ticketPackage;
    public short slot;
    public String label;
    @Column(name = "option_type")
    public String optionType;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> choices;
    @Column(name = "is_required")
    public boolean required;
    @Column(name = "display_order")
    public int displayOrder;
    @Column(name = "max_length")
    public Integer maxLength;
    @Column(name = "created_at")
    public Instant createdAt;
}
