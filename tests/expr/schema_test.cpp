// Tests for the schema loaders (ECS flat list, index mappings, per-pattern field lists), the
// field table behind them, and the index-pattern matching of SchemaSet.
#include <doctest/doctest.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/check/schema_loaders.hpp"
#include "engine/check/schema_set.hpp"

namespace {

using eql::FieldType;

std::string TempPath(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("eqlite_schema_test_" + name)).string();
}

void WritePlain(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

void WriteGzip(const std::string& path, const std::string& text) {
    gzFile file = gzopen(path.c_str(), "wb");
    REQUIRE(file != nullptr);
    gzwrite(file, text.data(), static_cast<unsigned>(text.size()));
    gzclose(file);
}

const char* kEcsSample = R"({
  "@timestamp": {"flat_name": "@timestamp", "type": "date"},
  "process.name": {"flat_name": "process.name", "type": "keyword",
                   "multi_fields": [{"flat_name": "process.name.text", "name": "text",
                                     "type": "match_only_text"}]},
  "process.pid": {"flat_name": "process.pid", "type": "long"},
  "source.ip": {"flat_name": "source.ip", "type": "ip"},
  "source.geo.location": {"flat_name": "source.geo.location", "type": "geo_point"},
  "process.pe.imports": {"flat_name": "process.pe.imports", "type": "flattened"},
  "labels": {"flat_name": "labels", "type": "object", "object_type": "keyword"},
  "dns.answers": {"flat_name": "dns.answers", "type": "object"},
  "message": {"flat_name": "message", "type": "match_only_text"},
  "event.duration": {"flat_name": "event.duration", "type": "scaled_float"},
  "process.pe.sections": {"flat_name": "process.pe.sections", "type": "nested"},
  "process.pe.sections.name": {"flat_name": "process.pe.sections.name", "type": "keyword"}
})";

}  // namespace

TEST_SUITE("schema") {

TEST_CASE("es type names map to field types") {
    CHECK(eql::FieldTypeFromEsType("keyword") == FieldType::kKeyword);
    CHECK(eql::FieldTypeFromEsType("constant_keyword") == FieldType::kKeyword);
    CHECK(eql::FieldTypeFromEsType("wildcard") == FieldType::kKeyword);
    CHECK(eql::FieldTypeFromEsType("text") == FieldType::kText);
    CHECK(eql::FieldTypeFromEsType("match_only_text") == FieldType::kText);
    CHECK(eql::FieldTypeFromEsType("integer") == FieldType::kLong);
    CHECK(eql::FieldTypeFromEsType("unsigned_long") == FieldType::kLong);
    CHECK(eql::FieldTypeFromEsType("byte") == FieldType::kLong);
    CHECK(eql::FieldTypeFromEsType("float") == FieldType::kDouble);
    CHECK(eql::FieldTypeFromEsType("scaled_float") == FieldType::kDouble);
    CHECK(eql::FieldTypeFromEsType("boolean") == FieldType::kBoolean);
    CHECK(eql::FieldTypeFromEsType("date_nanos") == FieldType::kDate);
    CHECK(eql::FieldTypeFromEsType("ip") == FieldType::kIp);
    CHECK(eql::FieldTypeFromEsType("version") == FieldType::kVersion);
    CHECK(eql::FieldTypeFromEsType("nested") == FieldType::kObject);
    CHECK(eql::FieldTypeFromEsType("geo_point") == FieldType::kUnsupported);
    CHECK(eql::FieldTypeFromEsType("binary") == FieldType::kUnsupported);
    CHECK(eql::FieldTypeFromEsType("ip_range") == FieldType::kUnsupported);
    CHECK(eql::FieldTypeFromEsType("no_such_type") == FieldType::kUnsupported);
    CHECK(eql::FieldTypeName(FieldType::kIp) == "ip");
    CHECK(eql::FieldTypeName(FieldType::kUnsupported) == "unsupported");
}

TEST_CASE("field table resolves parents aliases and open objects") {
    eql::FieldTable table;
    table.AddField("process.parent.name", FieldType::kKeyword);
    table.AddAlias("process.parent_name", "process.parent.name");
    table.AddOpenObject("labels", FieldType::kKeyword);

    CHECK(table.Lookup("process.parent.name") == FieldType::kKeyword);
    CHECK(table.Lookup("process.parent") == FieldType::kObject);
    CHECK(table.Lookup("process") == FieldType::kObject);
    CHECK(table.Lookup("process.parent_name") == FieldType::kKeyword);
    CHECK(table.ResolveAlias("process.parent_name") == "process.parent.name");
    CHECK_FALSE(table.ResolveAlias("process.parent.name").has_value());
    CHECK(table.Lookup("labels.team.name") == FieldType::kKeyword);
    CHECK(table.Lookup("labels") == FieldType::kObject);
    CHECK_FALSE(table.Lookup("process.parent.name.extra").has_value());
    CHECK_FALSE(table.Lookup("proces.name").has_value());
    CHECK(table.size() == 3);
    CHECK(table.FieldPaths() ==
          std::vector<std::string>{"process.parent.name", "process.parent_name"});
}

TEST_CASE("field table reports the nested container of an alias target") {
    eql::FieldTable table;
    table.AddNested("threat.enrichments");
    table.AddField("threat.enrichments.indicator.ip", FieldType::kIp);
    table.AddAlias("indicator_ip", "threat.enrichments.indicator.ip");
    CHECK(table.Lookup("threat.enrichments") == FieldType::kObject);
    CHECK(table.NestedContainer("threat.enrichments.indicator.ip") == "threat.enrichments");
    CHECK(table.NestedContainer("indicator_ip") == "threat.enrichments");
}

TEST_CASE("field table alias cycle resolves to nothing") {
    eql::FieldTable table;
    table.AddAlias("a", "b");
    table.AddAlias("b", "a");
    CHECK_FALSE(table.Lookup("a").has_value());
    CHECK(table.DanglingAliases().size() == 2);
}

TEST_CASE("ecs flat list loads types multi fields and objects") {
    eql::SchemaLoadResult result = eql::ParseEcsFlatSchema(kEcsSample, "ecs.json");
    REQUIRE_MESSAGE(result.schema != nullptr, result.error);
    const eql::FieldTable& ecs = *result.schema;

    CHECK(ecs.Lookup("@timestamp") == FieldType::kDate);
    CHECK(ecs.Lookup("process.name") == FieldType::kKeyword);
    CHECK(ecs.Lookup("process.name.text") == FieldType::kText);
    CHECK(ecs.Lookup("process.pid") == FieldType::kLong);
    CHECK(ecs.Lookup("source.ip") == FieldType::kIp);
    CHECK(ecs.Lookup("source.geo.location") == FieldType::kUnsupported);
    CHECK(ecs.Lookup("process.pe.imports") == FieldType::kObject);
    CHECK(ecs.Lookup("process.pe.imports.name") == FieldType::kKeyword);
    CHECK(ecs.Lookup("labels.env") == FieldType::kKeyword);
    CHECK(ecs.Lookup("dns.answers") == FieldType::kObject);
    CHECK_FALSE(ecs.Lookup("dns.answers.whatever").has_value());
    CHECK(ecs.Lookup("message") == FieldType::kText);
    CHECK(ecs.Lookup("event.duration") == FieldType::kDouble);
    CHECK(ecs.Lookup("process") == FieldType::kObject);
    CHECK(ecs.Lookup("process.pe.sections.name") == FieldType::kKeyword);
    CHECK(ecs.NestedContainer("process.pe.sections.name") == "process.pe.sections");
}

TEST_CASE("ecs flat list reads gzip and plain files") {
    std::string gz_path = TempPath("ecs.json.gz");
    std::string plain_path = TempPath("ecs.json");
    WriteGzip(gz_path, kEcsSample);
    WritePlain(plain_path, kEcsSample);

    eql::SchemaLoadResult from_gzip = eql::LoadEcsFlatSchema(gz_path);
    eql::SchemaLoadResult from_plain = eql::LoadEcsFlatSchema(plain_path);
    REQUIRE_MESSAGE(from_gzip.schema != nullptr, from_gzip.error);
    REQUIRE_MESSAGE(from_plain.schema != nullptr, from_plain.error);
    CHECK(from_gzip.schema->Lookup("process.pid") == FieldType::kLong);
    CHECK(from_plain.schema->Lookup("process.pid") == FieldType::kLong);
    CHECK(from_gzip.schema->size() == from_plain.schema->size());

    std::remove(gz_path.c_str());
    std::remove(plain_path.c_str());
}

TEST_CASE("ecs flat list errors name the file") {
    eql::SchemaLoadResult missing = eql::LoadEcsFlatSchema("/nonexistent/ecs.json");
    CHECK(missing.schema == nullptr);
    CHECK(missing.error == "/nonexistent/ecs.json: cannot open file: No such file or directory");

    const char* bad_text = "{\n  \"a\": {\"type\": \"keyword\"},\n  \"b\": tru\n}";
    eql::SchemaLoadResult bad_json = eql::ParseEcsFlatSchema(bad_text, "ecs.json");
    CHECK(bad_json.schema == nullptr);
    CHECK(bad_json.error ==
          "ecs.json:3:11: invalid JSON: syntax error while parsing value - invalid literal; "
          "last read: '\"b\": tru<U+000A>'");

    eql::SchemaLoadResult no_type = eql::ParseEcsFlatSchema(R"({"a": {"name": "a"}})", "ecs.json");
    CHECK(no_type.error == "ecs.json: field 'a': 'type' is missing or not a string");

    eql::SchemaLoadResult mapping =
        eql::ParseEcsFlatSchema(R"({"properties": {}})", "ecs.json");
    CHECK(mapping.error == "ecs.json: not an ECS flat field list: expected an object from field "
                           "name to definition");
}

TEST_CASE("truncated gzip file is an error") {
    std::string path = TempPath("truncated.json.gz");
    WriteGzip(path, kEcsSample);
    std::filesystem::resize_file(path, 40);

    eql::SchemaLoadResult result = eql::LoadEcsFlatSchema(path);
    CHECK(result.schema == nullptr);
    CHECK(result.error.rfind(path + ": cannot read file: ", 0) == 0);
    std::remove(path.c_str());
}

TEST_CASE("bare mapping loads nested properties multi fields and aliases") {
    const char* text = R"(# a comment line
{
  "properties": {
    "event_type": {"type": "[runtime_random_keyword_type]"},
    "event": {"properties": {
      "category": {"type": "alias", "path": "event_type"}
    }},
    "hostname": {"type": "text",
                 "fields": {"[runtime_random_keyword_type]": {"type": "keyword"}}},
    "file_name": {"type": "text"},
    "pid": {"type": "long"},
    "source_address": {"type": "ip"},
    "version": {"type": "version"},
    "when": {"type": "date_nanos"},
    "flag": {"type": "boolean"},
    "ratio": {"type": "half_float"},
    "blob": {"type": "binary"},
    "tags": {"type": "flattened"},
    "user": {"properties": {"name": {"type": "wildcard"}}},
    "threat": {"type": "nested", "properties": {"id": {"type": "keyword"}}}
  }
})";
    eql::SchemaLoadResult result = eql::ParseIndexMapping(text, "test.mapping");
    REQUIRE_MESSAGE(result.schema != nullptr, result.error);
    const eql::FieldTable& mapping = *result.schema;

    CHECK(mapping.Lookup("event_type") == FieldType::kKeyword);
    CHECK(mapping.Lookup("event.category") == FieldType::kKeyword);
    CHECK(mapping.ResolveAlias("event.category") == "event_type");
    CHECK(mapping.Lookup("hostname") == FieldType::kKeyword);
    CHECK(mapping.Lookup("hostname.keyword") == FieldType::kKeyword);
    CHECK(mapping.Lookup("file_name") == FieldType::kText);
    CHECK(mapping.Lookup("pid") == FieldType::kLong);
    CHECK(mapping.Lookup("source_address") == FieldType::kIp);
    CHECK(mapping.Lookup("version") == FieldType::kVersion);
    CHECK(mapping.Lookup("when") == FieldType::kDate);
    CHECK(mapping.Lookup("flag") == FieldType::kBoolean);
    CHECK(mapping.Lookup("ratio") == FieldType::kDouble);
    CHECK(mapping.Lookup("blob") == FieldType::kUnsupported);
    CHECK(mapping.Lookup("tags") == FieldType::kObject);
    CHECK(mapping.Lookup("tags.any.key") == FieldType::kKeyword);
    CHECK(mapping.Lookup("user") == FieldType::kObject);
    CHECK(mapping.Lookup("user.name") == FieldType::kKeyword);
    CHECK(mapping.Lookup("threat") == FieldType::kObject);
    CHECK(mapping.Lookup("threat.id") == FieldType::kKeyword);
    CHECK(mapping.NestedContainer("threat.id") == "threat");
    CHECK_FALSE(mapping.NestedContainer("threat").has_value());
    CHECK_FALSE(mapping.NestedContainer("user.name").has_value());
    CHECK_FALSE(mapping.Lookup("user.id").has_value());
}

TEST_CASE("get mapping response merges every index and runtime fields") {
    const char* text = R"({
  "logs-a": {"mappings": {
    "runtime": {
      "day": {"type": "keyword"},
      "pid": {"type": "keyword"},
      "parsed": {"type": "composite", "fields": {"port": {"type": "long"}}}
    },
    "properties": {"pid": {"type": "long"}, "host": {"properties": {"ip": {"type": "ip"}}}}
  }},
  "logs-b": {"mappings": {"_doc": {"properties": {"user": {"type": "keyword"}}}}}
})";
    eql::SchemaLoadResult result = eql::ParseIndexMapping(text, "mapping.json");
    REQUIRE_MESSAGE(result.schema != nullptr, result.error);
    const eql::FieldTable& mapping = *result.schema;

    CHECK(mapping.Lookup("day") == FieldType::kKeyword);
    CHECK(mapping.Lookup("pid") == FieldType::kKeyword);
    CHECK(mapping.Lookup("parsed.port") == FieldType::kLong);
    CHECK(mapping.Lookup("host.ip") == FieldType::kIp);
    CHECK(mapping.Lookup("user") == FieldType::kKeyword);
}

TEST_CASE("index creation body with mappings loads") {
    eql::SchemaLoadResult result = eql::ParseIndexMapping(
        R"({"settings": {}, "mappings": {"properties": {"a": {"type": "integer"}}}})", "m.json");
    REQUIRE_MESSAGE(result.schema != nullptr, result.error);
    CHECK(result.schema->Lookup("a") == FieldType::kLong);
}

TEST_CASE("mapping errors name the file and the field") {
    const char* bad_json = "# only\n{\"properties\": {\"a\": {\"type\": }}}";
    CHECK(eql::ParseIndexMapping(bad_json, "m.json").error ==
          "m.json:2:31: invalid JSON: syntax error while parsing value - unexpected '}'; "
          "expected '[', '{', or a literal");
    CHECK(eql::ParseIndexMapping(R"({"properties": {"a": {"type": 3}}})", "m.json").error ==
          "m.json: field 'a': 'type' is not a string");
    CHECK(eql::ParseIndexMapping(R"({"properties": {"a": {"type": "alias"}}})", "m.json").error ==
          "m.json: field 'a': an alias needs a string 'path'");
    CHECK(eql::ParseIndexMapping(R"({"properties": {"a": {"type": "alias", "path": "b"}}})",
                                 "m.json")
              .error == "m.json: field 'a': the alias path 'b' is not a field of the mapping");
    CHECK(eql::ParseIndexMapping(R"({"properties": {"a": 1}})", "m.json").error ==
          "m.json: field 'a': the definition is not an object");
    CHECK(eql::ParseIndexMapping(R"({"logs": {"settings": {}}})", "m.json").error ==
          "m.json: not an index mapping: expected 'properties', 'mappings' or an object from "
          "index name to {\"mappings\": ...}, found 'logs'");
    CHECK(eql::ParseIndexMapping("[1]", "m.json").error ==
          "m.json: not an index mapping: expected an object");
}

TEST_CASE("deeply nested mapping is rejected without overflow") {
    std::string text = "{\"properties\": {";
    for (int i = 0; i < 100; ++i) {
        text += "\"o\": {\"properties\": {";
    }
    text += "\"leaf\": {\"type\": \"keyword\"}";
    for (int i = 0; i < 100; ++i) {
        text += "}}";
    }
    text += "}}";
    eql::SchemaLoadResult result = eql::ParseIndexMapping(text, "deep.json");
    CHECK(result.schema == nullptr);
    CHECK(result.error.find("objects nest deeper than 64 levels") != std::string::npos);
}

TEST_CASE("index pattern lists load nested and dotted fields") {
    const char* text = R"({
  "winlogbeat-*": {"winlog": {"event_data": {"AccessMask": "keyword"}},
                   "problemchild.prediction": "long"},
  "logs-windows.*": {"powershell.file.script_block_text": "text"},
  "logs-x-*": {"x.items": "nested", "x.items.id": "keyword", "x.dict": "flattened"}
})";
    eql::IndexPatternSchemaResult result = eql::ParseIndexPatternSchemas(text, "non-ecs.json");
    REQUIRE_MESSAGE(result.error.empty(), result.error);
    REQUIRE(result.schemas.size() == 3);
    CHECK(result.schemas[0].pattern == "logs-windows.*");
    CHECK(result.schemas[0].schema->Lookup("powershell.file.script_block_text") ==
          FieldType::kText);
    CHECK(result.schemas[1].pattern == "logs-x-*");
    CHECK(result.schemas[1].schema->Lookup("x.items") == FieldType::kObject);
    CHECK(result.schemas[1].schema->NestedContainer("x.items.id") == "x.items");
    CHECK(result.schemas[1].schema->Lookup("x.dict.k") == FieldType::kKeyword);
    CHECK(result.schemas[2].pattern == "winlogbeat-*");
    CHECK(result.schemas[2].schema->Lookup("winlog.event_data.AccessMask") ==
          FieldType::kKeyword);
    CHECK(result.schemas[2].schema->Lookup("problemchild.prediction") == FieldType::kLong);
}

TEST_CASE("index pattern list errors name the pattern") {
    CHECK(eql::ParseIndexPatternSchemas(R"({"a-*": {"f": 1}})", "n.json").error ==
          "n.json: index pattern 'a-*': field 'f': expected a type name or an object of fields");
    CHECK(eql::ParseIndexPatternSchemas(R"({"a-*": "keyword"})", "n.json").error ==
          "n.json: index pattern 'a-*': expected an object of fields");
    CHECK(eql::ParseIndexPatternSchemas("[]", "n.json").error ==
          "n.json: expected an object from index pattern to fields");
}

TEST_CASE("index patterns overlap when one index can match both") {
    struct Row {
        const char* first;
        const char* second;
        bool overlap;
    };
    const Row rows[] = {
        {"logs-windows.*", "logs-windows.sysmon_operational-*", true},
        {"logs-endpoint.events.process-*", "logs-endpoint.events.*", true},
        {"logs-endpoint.events.process*", "logs-endpoint.events.api-*", false},
        {"logs-endpoint.events.process-*", "logs-endpoint.events.file-*", false},
        {"winlogbeat-*", "winlogbeat-*", true},
        {"winlogbeat-*", "logs-windows.*", false},
        {"logs-*", "logs-okta*", true},
        {"*", "metrics-*", true},
        {"x*", "*y", true},
        {"logs-a", "logs-a", true},
        {"logs-a", "logs-b", false},
        {"logs-a", "logs-a*", true},
        {"logs-ab", "logs-a", false},
        {"", "", true},
        {"", "*", true},
        {"", "a", false},
    };
    for (const Row& row : rows) {
        CAPTURE(row.first);
        CAPTURE(row.second);
        CHECK(eql::IndexPatternsOverlap(row.first, row.second) == row.overlap);
        CHECK(eql::IndexPatternsOverlap(row.second, row.first) == row.overlap);
    }
}

TEST_CASE("schema set view picks ecs and matching pattern lists") {
    auto ecs = std::make_shared<eql::FieldTable>();
    ecs->AddField("process.name", FieldType::kKeyword);
    ecs->AddField("shared", FieldType::kKeyword);
    auto endpoint = std::make_shared<eql::FieldTable>();
    endpoint->AddField("process.Ext.token.integrity_level_name", FieldType::kKeyword);
    endpoint->AddField("shared", FieldType::kLong);
    auto sysmon = std::make_shared<eql::FieldTable>();
    sysmon->AddField("winlog.event_data.TargetImage", FieldType::kKeyword);

    eql::SchemaSet set;
    set.AddForAllIndices(ecs);
    set.AddForIndexPattern("logs-endpoint.events.*", endpoint);
    set.AddForIndexPattern("logs-windows.sysmon_operational-*", sysmon);

    eql::SchemaView process_view = set.ViewFor({"logs-endpoint.events.process-*"});
    CHECK(process_view.Lookup("process.name") == FieldType::kKeyword);
    CHECK(process_view.Lookup("process.Ext.token.integrity_level_name") == FieldType::kKeyword);
    CHECK(process_view.Lookup("shared") == FieldType::kLong);
    CHECK_FALSE(process_view.Lookup("winlog.event_data.TargetImage").has_value());
    CHECK(set.MatchingPatterns({"logs-endpoint.events.process-*"}) ==
          std::vector<std::string>{"logs-endpoint.events.*"});

    eql::SchemaView windows_view = set.ViewFor({"winlogbeat-*", "remote:logs-windows.*"});
    CHECK(windows_view.Lookup("winlog.event_data.TargetImage") == FieldType::kKeyword);
    CHECK_FALSE(windows_view.Lookup("process.Ext.token.integrity_level_name").has_value());
    CHECK(windows_view.Lookup("shared") == FieldType::kKeyword);

    eql::SchemaView listed_view = set.ViewFor({"winlogbeat-*,logs-endpoint.events.*"});
    CHECK(listed_view.Lookup("shared") == FieldType::kLong);

    eql::SchemaView excluded_view = set.ViewFor({"winlogbeat-*", "-logs-endpoint.events.*"});
    CHECK_FALSE(excluded_view.Lookup("process.Ext.token.integrity_level_name").has_value());

    eql::SchemaView every_index_view = set.ViewFor({});
    CHECK(every_index_view.Lookup("process.Ext.token.integrity_level_name") ==
          FieldType::kKeyword);
    CHECK(every_index_view.Lookup("winlog.event_data.TargetImage") == FieldType::kKeyword);
    CHECK(every_index_view.parts().size() == 3);
    CHECK(every_index_view.FieldPaths() ==
          std::vector<std::string>{"process.Ext.token.integrity_level_name", "process.name",
                                   "shared", "winlog.event_data.TargetImage"});
}

TEST_CASE("schema set later schema wins over earlier") {
    auto ecs = std::make_shared<eql::FieldTable>();
    ecs->AddField("user.id", FieldType::kKeyword);
    auto mapping = std::make_shared<eql::FieldTable>();
    mapping->AddField("user.id", FieldType::kLong);
    mapping->AddAlias("uid", "user.id");

    eql::SchemaSet set;
    set.AddForAllIndices(ecs);
    set.AddForAllIndices(mapping);
    eql::SchemaView view = set.ViewFor({"logs-*"});
    CHECK(view.Lookup("user.id") == FieldType::kLong);
    CHECK(view.Lookup("uid") == FieldType::kLong);
    CHECK(view.ResolveAlias("uid") == "user.id");
    CHECK_FALSE(view.NestedContainer("uid").has_value());
    CHECK_FALSE(view.ResolveAlias("user.id").has_value());
}

TEST_CASE("schema format is detected from the document") {
    std::string error;
    CHECK(eql::DetectSchemaFormat(kEcsSample, "a", &error) == eql::SchemaFormat::kEcsFlat);
    CHECK(eql::DetectSchemaFormat("# note\n{\"properties\": {}}", "a", &error) ==
          eql::SchemaFormat::kIndexMapping);
    CHECK(eql::DetectSchemaFormat(R"({"idx": {"mappings": {}}})", "a", &error) ==
          eql::SchemaFormat::kIndexMapping);
    CHECK(eql::DetectSchemaFormat(R"({"logs-*": {"a.b": "keyword"}})", "a", &error) ==
          eql::SchemaFormat::kIndexPatternLists);
    CHECK(error.empty());
    CHECK_FALSE(eql::DetectSchemaFormat("{}", "a.json", &error).has_value());
    CHECK(error == "a.json: not a schema: expected a JSON object with members");
    CHECK_FALSE(eql::DetectSchemaFormat("{", "a.json", &error).has_value());
    CHECK(error.rfind("a.json:1:2: invalid JSON: ", 0) == 0);
}

TEST_CASE("schema set adds files of every format") {
    std::string ecs_path = TempPath("set_ecs.json.gz");
    std::string mapping_path = TempPath("set.mapping");
    std::string lists_path = TempPath("set_lists.json");
    WriteGzip(ecs_path, kEcsSample);
    WritePlain(mapping_path, "# comment\n{\"properties\": {\"custom\": {\"type\": \"ip\"}}}");
    WritePlain(lists_path, R"({"winlogbeat-*": {"winlog.event_id": "keyword"}})");

    eql::SchemaSet set;
    CHECK(set.AddFile(ecs_path) == "");
    CHECK(set.AddFile(mapping_path) == "");
    CHECK(set.AddFile(lists_path) == "");
    CHECK(set.AddFile("/nonexistent/schema.json") ==
          "/nonexistent/schema.json: cannot open file: No such file or directory");

    eql::SchemaView windows = set.ViewFor({"winlogbeat-*"});
    CHECK(windows.Lookup("process.pid") == FieldType::kLong);
    CHECK(windows.Lookup("custom") == FieldType::kIp);
    CHECK(windows.Lookup("winlog.event_id") == FieldType::kKeyword);
    CHECK_FALSE(set.ViewFor({"logs-*"}).Lookup("winlog.event_id").has_value());

    std::remove(ecs_path.c_str());
    std::remove(mapping_path.c_str());
    std::remove(lists_path.c_str());
}

TEST_CASE("shared schema files load") {
    std::string shared = EQLITE_SHARED_DIR;
    std::string ecs_path = shared + "/schemas/ecs-9.5.0-flat.json.gz";
    if (!std::filesystem::exists(ecs_path)) {
        MESSAGE("skipped: " << ecs_path << " is absent");
        return;
    }

    eql::SchemaLoadResult ecs = eql::LoadEcsFlatSchema(ecs_path);
    REQUIRE_MESSAGE(ecs.schema != nullptr, ecs.error);
    CHECK(ecs.schema->Lookup("process.name") == FieldType::kKeyword);
    CHECK(ecs.schema->Lookup("process.command_line.text") == FieldType::kText);
    CHECK(ecs.schema->Lookup("destination.ip") == FieldType::kIp);
    CHECK(ecs.schema->Lookup("process.pid") == FieldType::kLong);
    CHECK(ecs.schema->Lookup("data_stream.dataset") == FieldType::kKeyword);
    CHECK(ecs.schema->Lookup("host.geo.location") == FieldType::kUnsupported);
    CHECK(ecs.schema->Lookup("event.category") == FieldType::kKeyword);

    eql::IndexPatternSchemaResult non_ecs =
        eql::LoadIndexPatternSchemas(shared + "/schemas/non-ecs-schema.json");
    REQUIRE_MESSAGE(non_ecs.error.empty(), non_ecs.error);
    CHECK(non_ecs.schemas.size() == 28);

    std::string data = shared + "/conformance/elasticsearch/data";
    for (const auto& entry : std::filesystem::directory_iterator(data)) {
        if (entry.path().extension() != ".mapping") {
            continue;
        }
        eql::SchemaLoadResult mapping = eql::LoadIndexMapping(entry.path().string());
        CAPTURE(entry.path().string());
        REQUIRE_MESSAGE(mapping.schema != nullptr, mapping.error);
        CHECK(mapping.schema->Lookup("event.category").has_value());
    }
    eql::SchemaLoadResult endgame = eql::LoadIndexMapping(data + "/endgame-140.mapping");
    REQUIRE(endgame.schema != nullptr);
    CHECK(endgame.schema->Lookup("event.category") == FieldType::kKeyword);
    CHECK(endgame.schema->ResolveAlias("event.sequence") == "serial_event_id");
    CHECK(endgame.schema->Lookup("event.sequence") == FieldType::kLong);
    CHECK(endgame.schema->Lookup("hostname") == FieldType::kKeyword);
    CHECK(endgame.schema->Lookup("source_address") == FieldType::kIp);

    for (const char* name : {"mapping-default.json", "mapping-date_nanos.json"}) {
        eql::SchemaLoadResult legacy =
            eql::LoadIndexMapping(shared + "/conformance/elasticsearch/" + name);
        CAPTURE(name);
        REQUIRE_MESSAGE(legacy.schema != nullptr, legacy.error);
        CHECK(legacy.schema->Lookup("pid") == FieldType::kLong);
    }
}

}  // TEST_SUITE
