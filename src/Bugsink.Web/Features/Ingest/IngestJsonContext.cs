using System.Text.Json.Serialization;

namespace Bugsink.Web.Features.Ingest;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class IngestJsonContext : JsonSerializerContext;
