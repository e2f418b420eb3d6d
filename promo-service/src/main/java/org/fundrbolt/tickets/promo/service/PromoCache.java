package org.fundrbolt.tickets.promo.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fundrbolt.tickets.promo.config.PromoConfig;
import org.fundrbolt.tickets.promo.domain.PromoDefinition;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * Redis cache of promo code definitions at {@code promo:{event_id}:{CODE}}. It holds definitions only,
 * never usage, so a stale entry can never let a limit be exceeded; Redis trouble degrades to a miss.
 */
@ApplicationScoped
public class PromoCache {

    private static final Logger LOG = Logger.getLogger(PromoCache.class);

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper mapper;
    private final PromoConfig config;

    public PromoCache(ReactiveRedisDataSource redis, ObjectMapper mapper, PromoConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.mapper = mapper;
        this.config = config;
    }

    public static String key(UUID eventId, String code) {
        return "promo:" + eventId + ":" + PromoRules.normalise(code);
    }

    /** The key validate reads along with the donor's reserved slot; null when the cache is off. */
    public String keyToRead(UUID eventId, String code) {
        return config.cache().enabled() ? key(eventId, code) : null;
    }

    /**
     * A definition as read from its key: null on a miss, and for an entry this version cannot read. An entry
     * without {@code unlocks_package_ids} was written by a version before the sales rules: a miss too, rather than
     * a code that seems to unlock nothing.
     */
    public PromoDefinition parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            PromoDefinition definition = mapper.readValue(json, PromoDefinition.class);
            return definition.packageIds() == null || definition.unlocksPackageIds() == null ? null : definition;
        } catch (Exception unreadable) {
            return null;
        }
    }

    public Uni<Void> put(PromoDefinition definition) {
        if (!config.cache().enabled()) {
            return Uni.createFrom().voidItem();
        }
        String json;
        try {
            json = mapper.writeValueAsString(definition);
        } catch (Exception impossible) {
            return Uni.createFrom().voidItem();
        }
        return values.setex(key(definition.eventId(), definition.code()), config.cache().ttl().toSeconds(), json)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Promo cache write failed: %s", failure.getMessage());
                    return null;
                }).replaceWithVoid();
    }

    /** Called after every committed change of a code, so that validate sees it at once. */
    public Uni<Void> evict(UUID eventId, String... codes) {
        String[] keys = new String[codes.length];
        for (int i = 0; i < codes.length; i++) {
            keys[i] = key(eventId, codes[i]);
        }
        return redis.key().del(keys).onFailure().recoverWithItem(failure -> {
            LOG.errorf("Promo cache eviction failed; an edit may show up to the TTL late: %s", failure.getMessage());
            return 0;
        }).replaceWithVoid();
    }
}
