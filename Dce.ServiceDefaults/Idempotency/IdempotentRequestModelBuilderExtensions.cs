using Microsoft.EntityFrameworkCore;

namespace Dce.ServiceDefaults.Idempotency;

/// <summary>Maps the <c>idempotent_requests</c> table into a module's DbContext.</summary>
public static class IdempotentRequestModelBuilderExtensions
{
    internal const string Table = "idempotent_requests";

    /// <summary>Adds <c>idempotent_requests</c>; call it from <c>OnModelCreating</c>.</summary>
    public static ModelBuilder AddIdempotentRequests(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<IdempotentRequest>(request =>
        {
            request.ToTable(Table);
            request.HasKey(r => new { r.Subject, r.Route, r.Key });
            request.Property(r => r.Subject).HasColumnName("subject").HasMaxLength(IdempotencyKey.MaxSubjectLength);
            request.Property(r => r.Route).HasColumnName("route").HasMaxLength(IdempotencyKey.MaxRouteLength);
            request.Property(r => r.Key).HasColumnName("key").HasMaxLength(IdempotencyKey.MaxLength);
            request.Property(r => r.RequestHash).HasColumnName("request_hash").HasMaxLength(64);
            request.Property(r => r.CreatedAt).HasColumnName("created_at");
            request.Property(r => r.ResponseStatus).HasColumnName("response_status");
            request.Property(r => r.ResponseContentType).HasColumnName("response_content_type").HasMaxLength(200);
            request.Property(r => r.ResponseLocation).HasColumnName("response_location").HasMaxLength(2000);
            request.Property(r => r.ResponseBody).HasColumnName("response_body");
            request.HasIndex(r => r.CreatedAt).HasDatabaseName("ix_idempotent_requests_created_at");
        });

        return modelBuilder;
    }
}
