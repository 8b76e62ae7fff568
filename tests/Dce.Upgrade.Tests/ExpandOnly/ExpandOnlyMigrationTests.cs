using Dce.Upgrade.Tests.Releases;

namespace Dce.Upgrade.Tests.ExpandOnly;

/// <summary>Every migration added since the previous release is safe while the previous release's replicas still serve.</summary>
public sealed class ExpandOnlyMigrationTests
{
    private const string PreviousCommit = "0123456789012345678901234567890123456789";

    [Fact]
    public async Task Migrations_added_since_the_previous_release_only_expand_the_schema()
    {
        var previous = await PreviousRelease.CommitAsync();
        var released = await MigrationHistory.AtAsync(previous);
        var added = MigrationHistory.Current().Except(released)
            .Select(path => new MigrationFile(path, File.ReadAllText(Path.Combine(Repository.Root, path))))
            .ToList();
        var steps = ContractStep.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, ContractStep.RecordPath)));
        var releasedBefore = new Dictionary<string, bool>();
        foreach (var step in steps)
        {
            releasedBefore[step.StoppedUsingIn] = await MigrationHistory.IsAncestorOrSameAsync(step.StoppedUsingIn, previous);
        }

        var refusals = ExpandOnlyGuard.Refusals(added, steps, commit => releasedBefore[commit]);

        Assert.NotEmpty(released);
        Assert.True(refusals.Count == 0, string.Join('\n', refusals));
    }

    [Fact]
    public async Task Migrations_of_the_previous_release_are_left_as_they_were_applied()
    {
        var previous = await PreviousRelease.CommitAsync();
        var released = await MigrationHistory.AtAsync(previous);

        var changed = await MigrationHistory.ChangedSinceAsync(previous, released);

        Assert.True(changed.Count == 0, $"Already applied by the previous release, so changing them changes nothing in its databases: {string.Join(", ", changed)}. Add a new migration instead.");
    }

    [Fact]
    public void A_migration_dropping_a_column_is_refused_naming_the_migration_and_the_operation()
    {
        var migration = Migration("20990101000000_DropWorkspaceAlias", """
            migrationBuilder.DropColumn(
                name: "Alias",
                table: "Workspaces");
            """);

        var refusal = Assert.Single(ExpandOnlyGuard.Refusals([migration], [], _ => true));

        Assert.Contains("20990101000000_DropWorkspaceAlias", refusal, StringComparison.Ordinal);
        Assert.Contains("DropColumn", refusal, StringComparison.Ordinal);
        Assert.Contains("\"Workspaces\"", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("migrationBuilder.DropTable(name: \"Workspaces\");", "DropTable")]
    [InlineData("migrationBuilder.RenameColumn(name: \"Alias\", table: \"Workspaces\", newName: \"DisplayName\");", "RenameColumn")]
    [InlineData("migrationBuilder.RenameTable(name: \"Workspaces\", newName: \"Spaces\");", "RenameTable")]
    [InlineData("migrationBuilder.AlterColumn<string>(name: \"Alias\", table: \"Workspaces\", type: \"text\", nullable: false, oldClrType: typeof(string), oldType: \"text\", oldNullable: true);",
        "AlterColumn making a column NOT NULL without a default")]
    [InlineData("migrationBuilder.AlterColumn<string>(name: \"Alias\", table: \"Workspaces\", type: \"character varying(64)\", maxLength: 64, nullable: true, oldClrType: typeof(string), oldType: \"character varying(256)\", oldMaxLength: 256, oldNullable: true);",
        "AlterColumn changing the type")]
    [InlineData("migrationBuilder.AlterColumn<string>(name: \"Alias\", table: \"Workspaces\", maxLength: 64, nullable: true, oldClrType: typeof(string), oldMaxLength: 256, oldNullable: true);",
        "AlterColumn narrowing the length from 256 to 64")]
    [InlineData("migrationBuilder.AddColumn<string>(name: \"Owner\", table: \"Workspaces\", type: \"text\", nullable: false);", "AddColumn NOT NULL without a default")]
    [InlineData("migrationBuilder.Sql(\"ALTER TABLE \\\"Workspaces\\\" DROP COLUMN \\\"Alias\\\"\");", "Sql with DROP COLUMN")]
    public void Contracting_operations_are_refused(string up, string operation)
    {
        var refusal = Assert.Single(ExpandOnlyGuard.Refusals([Migration("20990101000000_Contract", up)], [], _ => true));

        Assert.Contains(operation, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("migrationBuilder.CreateTable(name: \"IdempotencyRecords\", columns: table => new { Key = table.Column<string>(type: \"text\", nullable: false) }, constraints: table => table.PrimaryKey(\"PK_IdempotencyRecords\", x => x.Key));")]
    [InlineData("migrationBuilder.AddColumn<string>(name: \"Owner\", table: \"Workspaces\", type: \"text\", nullable: true);")]
    [InlineData("migrationBuilder.AddColumn<bool>(name: \"Archived\", table: \"Workspaces\", type: \"boolean\", nullable: false, defaultValue: false);")]
    [InlineData("migrationBuilder.CreateIndex(name: \"IX_Workspaces_Owner\", table: \"Workspaces\", column: \"Owner\");")]
    [InlineData("migrationBuilder.AlterColumn<string>(name: \"Alias\", table: \"Workspaces\", maxLength: 512, nullable: true, oldClrType: typeof(string), oldMaxLength: 256, oldNullable: false);")]
    public void Expanding_operations_pass(string up)
    {
        Assert.Empty(ExpandOnlyGuard.Refusals([Migration("20990101000000_Expand", up)], [], _ => true));
    }

    [Fact]
    public void The_down_method_may_drop_what_up_added()
    {
        var migration = new MigrationFile("modules/Dce.GlobalManagement/Infrastructure/Migrations/20990101000000_Owner.cs", """
            public partial class Owner : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.AddColumn<string>(name: "Owner", table: "Workspaces", type: "text", nullable: true);
                }

                protected override void Down(MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.DropColumn(name: "Owner", table: "Workspaces");
                }
            }
            """);

        Assert.Empty(ExpandOnlyGuard.Refusals([migration], [], _ => true));
    }

    [Fact]
    public void A_contract_step_listed_with_a_release_that_stopped_using_the_column_passes()
    {
        var migration = Migration("20990101000000_DropWorkspaceAlias", "migrationBuilder.DropColumn(name: \"Alias\", table: \"Workspaces\");");
        var steps = ContractStep.Parse($"""
            # comment
            20990101000000_DropWorkspaceAlias DropColumn {PreviousCommit}  # Alias unused since then
            """);

        Assert.Empty(ExpandOnlyGuard.Refusals([migration], steps, commit => commit == PreviousCommit));
    }

    [Fact]
    public void A_contract_step_whose_release_is_newer_than_the_previous_one_is_refused()
    {
        var migration = Migration("20990101000000_DropWorkspaceAlias", "migrationBuilder.DropColumn(name: \"Alias\", table: \"Workspaces\");");
        var steps = ContractStep.Parse($"20990101000000_DropWorkspaceAlias DropColumn {PreviousCommit}");

        var refusal = Assert.Single(ExpandOnlyGuard.Refusals([migration], steps, _ => false));

        Assert.Contains("not the previous release or older", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void The_recorded_previous_release_is_in_the_history()
    {
        var recorded = File.ReadAllText(Path.Combine(Repository.Root, PreviousRelease.RecordPath)).Trim();

        Assert.Matches("^[0-9a-f]{40}$", recorded);
    }

    private static MigrationFile Migration(string name, string up) =>
        new($"modules/Dce.GlobalManagement/Infrastructure/Migrations/{name}.cs", $$"""
            using Microsoft.EntityFrameworkCore.Migrations;

            public partial class {{name[15..]}} : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
                    {{up}}
                }

                protected override void Down(MigrationBuilder migrationBuilder)
                {
                }
            }
            """);
}
