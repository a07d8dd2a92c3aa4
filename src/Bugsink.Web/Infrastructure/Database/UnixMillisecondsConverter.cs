using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bugsink.Web.Infrastructure.Database;

public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.ToUnixTimeMilliseconds(),
    value => DateTimeOffset.FromUnixTimeMilliseconds(value));
