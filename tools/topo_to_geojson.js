// Natural Earth countries (TopoJSON from the npm package world-atlas) as GeoJSON on stdout.
// Used by tools/make_map.py; run from a folder where `npm install world-atlas topojson-client`
// was done (node_modules is never committed). Usage: node topo_to_geojson.js NODE_MODULES [50m]
"use strict";
const path = require("path");
const modules = process.argv[2];
const resolution = process.argv[3] || "50m";
const topojson = require(path.join(modules, "topojson-client"));
const atlas = require(path.join(modules, "world-atlas", `countries-${resolution}.json`));
const version = require(path.join(modules, "world-atlas", "package.json")).version;
const countries = topojson.feature(atlas, atlas.objects.countries);
countries.source = `world-atlas ${version} countries-${resolution} (Natural Earth, public domain)`;
process.stdout.write(JSON.stringify(countries));
