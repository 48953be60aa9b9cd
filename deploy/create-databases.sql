-- One database per service instance (docker-compose's PostgreSQL runs this once, on first start).
CREATE DATABASE crm_bpo;
CREATE DATABASE crm_dealer_makati;
CREATE DATABASE crm_dealer_cebu;
