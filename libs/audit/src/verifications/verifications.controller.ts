import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdOf, RequireAbility } from '@workbay/platform';
import type { Response } from 'express';
import { AuditVerificationJobView } from './verifications.dto';
import { Verifications } from './verifications';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/verifications')
export class VerificationsController {
  constructor(private readonly verifications: Verifications) {}

  @Post()
  @HttpCode(202)
  @RequireAbility('verify', 'AuditLog')
  @ApiOperation({ summary: "Starts recomputing the tenant's hash chains in the worker; poll the run at its Location until done (auditor)" })
  @ApiAcceptedResponse({
    type: AuditVerificationJobView,
    description: 'the run, queued',
    headers: { Location: { description: 'where to poll the run: /audit/verifications/{id}', schema: { type: 'string' } } },
  })
  async start(@Res({ passthrough: true }) res: Response): Promise<AuditVerificationJobView> {
    const run = await this.verifications.start();
    res.location(`/audit/verifications/${run.id}`);
    return run;
  }

  @Get(':id')
  @RequireAbility('verify', 'AuditLog')
  @ApiOperation({ summary: 'A verification run: queued, running (events checked so far), done with the report, or failed' })
  @ApiOkResponse({ type: AuditVerificationJobView })
  get(@Param('id', IdOf('verification')) id: string): Promise<AuditVerificationJobView> {
    return this.verifications.get(id);
  }
}
