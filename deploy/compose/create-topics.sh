#!/bin/sh
# Creates the topics of ARCHITECTURE.md for docker-compose (auto-creation is off on the broker).
set -e
T=/opt/kafka/bin/kafka-topics.sh
B=kafka:9092
WEEK=604800000
$T --bootstrap-server $B --create --if-not-exists --topic catalog.packages --partitions 6 --config cleanup.policy=compact
for topic in purchase.sales media.images catalog.packages.dlq purchase.sales.dlq media.images.dlq; do
  $T --bootstrap-server $B --create --if-not-exists --topic $topic --partitions 6 --config retention.ms=$WEEK
done
