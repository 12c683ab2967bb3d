// eqlite: run EQL queries and detection rules over captured events, offline, with the results
// Elasticsearch would return. This file picks the subcommand; cli/*_command.cpp do the work.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
    CLI::App app{"eqlite: EQL as Elasticsearch runs it, offline", "eqlite"};
    app.require_subcommand(1, 1);
    app.set_version_flag("--version", "eqlite 0.1.0");

    std::vector<std::pair<CLI::App*, eql::cli::CommandRunner>> commands;
    for (auto add : {eql::cli::AddQueryCommand, eql::cli::AddReplayCommand,
                     eql::cli::AddCheckCommand, eql::cli::AddTestCommand}) {
        eql::cli::CommandRunner runner = add(app);
        commands.emplace_back(app.get_subcommands({}).back(), std::move(runner));
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        int status = app.exit(error);
        return status == 0 ? 0 : 2;
    }

    for (auto& [command, runner] : commands) {
        if (command->parsed()) {
            return runner();
        }
    }
    return 2;
}
