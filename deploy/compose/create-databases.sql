-- Run once by the postgres image on first start (docker-compose.yml): one database per service.
CREATE DATABASE catalog;
CREATE DATABASE promo;
CREATE DATABASE purchase;
CREATE DATABASE media;
