-- Packages as catalog-service announces them on catalog.packages: an upload is accepted only for a
-- known, live package of the path's event. image_version is the per-package sequence of media.images
-- events; it lives here (not on package_images) so it keeps growing across delete and re-upload.
CREATE TABLE known_packages (
    package_id      uuid        NOT NULL,
    event_id        uuid        NOT NULL,
    deleted         boolean     NOT NULL DEFAULT false,
    catalog_version bigint      NOT NULL,
    image_version   bigint      NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_known_packages PRIMARY KEY (package_id),
    CONSTRAINT ck_known_packages_image_version_nonnegative CHECK (image_version >= 0)
);
CREATE INDEX ix_known_packages_event_id ON known_packages (event_id);

-- The current image of a package (at most one): where its blob lives and what was published for it.
CREATE TABLE package_images (
    package_id   uuid        NOT NULL,
    event_id     uuid        NOT NULL,
    blob_name    text        NOT NULL,
    content_type text        NOT NULL,
    image_url    text        NOT NULL,
    etag         text        NOT NULL,
    size         bigint      NOT NULL,
    version      bigint      NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_package_images PRIMARY KEY (package_id),
    CONSTRAINT fk_package_images_package FOREIGN KEY (package_id) REFERENCES known_packages (package_id),
    CONSTRAINT uq_package_images_blob_name UNIQUE (blob_name),
    CONSTRAINT ck_package_images_content_type CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    -- No upper bound: the 5 MiB limit applies to the upload; a re-encoded PNG may come out slightly larger.
    CONSTRAINT ck_package_images_size_positive CHECK (size > 0),
    CONSTRAINT ck_package_images_version_positive CHECK (version > 0)
);
CREATE INDEX ix_package_images_event_id ON package_images (event_id);

-- Transactional outbox: written in the same transaction as the change it announces, published by
-- OutboxRelay after commit, so an event is never lost to a Kafka outage, only delayed.
CREATE TABLE outbox (
    id           bigserial   NOT NULL,
    topic        text        NOT NULL,
    message_key  text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz NULL,
    CONSTRAINT pk_outbox PRIMARY KEY (id)
);
-- The relay only ever looks for unpublished rows, oldest first.
CREATE INDEX ix_outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
