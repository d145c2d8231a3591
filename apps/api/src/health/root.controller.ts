import { Controller, Get, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/decorators';

/** The bare address opens the console. */
@ApiExcludeController()
@Public()
@Controller()
export class RootController {
  @Get()
  @Redirect('/console/', 302)
  open() {}
}
