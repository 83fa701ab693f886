import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DependencyCheck {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiPropertyOptional({ description: 'why it is down' }) error?: string;
}

export class HealthChecks {
  @ApiProperty({ type: DependencyCheck }) postgres: DependencyCheck;
  @ApiProperty({ type: DependencyCheck }) eventStore: DependencyCheck;
  @ApiProperty({ type: DependencyCheck }) redis: DependencyCheck;
}

/** GET /health: 200 when every dependency is up, 503 (same body) when one is down. */
export class HealthView {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ type: HealthChecks }) checks: HealthChecks;
}
